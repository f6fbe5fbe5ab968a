import { describe, expect, it } from "vitest";
import { at, type Fixtures } from "./fixtures";

export function transactionsContract({ db, newUser, createUser, newSession }: Fixtures): void {
  describe("transactions", () => {
    it("commits what fn wrote and returns its result", async () => {
      const input = newUser();
      const result = await db().transaction(async (tx) => {
        const user = await tx.users.create(input);
        if (user === "email_taken") throw new Error("unexpected");
        // A transaction reads its own writes.
        expect(await tx.users.findById(user.id)).toEqual(user);
        await tx.sessions.create(newSession(user.id));
        return user.id;
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
          const user = await tx.users.create(input);
          if (user === "email_taken") throw new Error("unexpected");
          sessionId = (await tx.sessions.create(newSession(user.id))).id;
          await tx.users.activate(existing.id, at(10));
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await db().users.findByEmail(input.email)).toBeNull();
      expect(await db().users.findById(existing.id)).toEqual(existing);
      expect(await db().sessions.revoke(sessionId, at(20), "logout")).toBe(false);
    });

    it("maps a taken address to email_taken inside a transaction, which stays usable", async () => {
      const existing = await createUser();
      const outcome = await db().transaction(async (tx) => {
        const taken = await tx.users.create(newUser({ email: existing.email }));
        const activated = await tx.users.activate(existing.id, at(10));
        return { taken, activated };
      });
      expect(outcome).toEqual({ taken: "email_taken", activated: true });
    });
  });
}
