import { describe, expect, it } from "vitest";
import { at, type Fixtures } from "./fixtures";

export function transactionsContract({ db, newUser, createUser, newSession }: Fixtures): void {
  describe("transactions", () => {
    it("commits what fn wrote and returns its result", async () => {
      const input = newUser();
      const result = await db().transaction(async (tx) => {
        const { userId } = await tx.users.signUp(input, { renewInactive: false });
        // A transaction reads its own writes.
        expect((await tx.users.findById(userId))?.email).toBe(input.email);
        await tx.sessions.create(newSession(userId));
        return userId;
      });
      expect((await db().users.findByEmail(input.email))?.id).toBe(result);
    });

    it("rolls back everything fn wrote when it throws, and rethrows", async () => {
      const existing = await createUser();
      const input = newUser();
      const failure = new Error("fn failed");
      let sessionId = "";
      await expect(
        db().transaction(async (tx) => {
          const { userId } = await tx.users.signUp(input, { renewInactive: false });
          sessionId = (await tx.sessions.create(newSession(userId))).id;
          await tx.users.activate(existing.id, at(10));
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await db().users.findByEmail(input.email)).toBeNull();
      expect(await db().users.findById(existing.id)).toEqual(existing);
      expect(await db().sessions.revoke(sessionId, at(20), "logout")).toBe(false);
    });
  });
}
