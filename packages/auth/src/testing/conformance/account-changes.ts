import { describe, expect, it } from "vitest";
import { at, DAY, type Fixtures } from "./fixtures";

const freshAddress = () => `new-${crypto.randomUUID()}@example.test`;

export function accountChangesContract({
  db,
  createUser,
  createActiveUser,
  newSession,
  rotation,
}: Fixtures): void {
  describe("passwords", () => {
    it("sets a new password hash and key stamp, whatever the user's state", async () => {
      for (const user of [await createUser(), await createActiveUser()]) {
        const change = { passwordHash: "hash-new", keyStamp: "stamp-new" };
        const changed = await db().users.setPassword(user.id, change);
        expect(changed).toEqual({ ...user, ...change });
        expect(await db().users.findById(user.id)).toEqual(changed);
      }
    });

    it("sets no password for an unknown user or a malformed id", async () => {
      const change = { passwordHash: "hash-new", keyStamp: "stamp-new" };
      expect(await db().users.setPassword(crypto.randomUUID(), change)).toBeNull();
      expect(await db().users.setPassword("not-a-uuid", change)).toBeNull();
    });
  });

  describe("email changes", () => {
    it("switches the address and renews the key stamp", async () => {
      const user = await createActiveUser();
      const toEmail = freshAddress();
      const changed = await db().users.changeEmail(user.id, {
        fromEmail: user.email,
        toEmail,
        keyStamp: "stamp-2",
      });
      expect(changed).toEqual({ ...user, email: toEmail, keyStamp: "stamp-2" });
      expect(await db().users.findByEmail(toEmail)).toEqual(changed);
      expect(await db().users.findByEmail(user.email)).toBeNull();
    });

    it("answers email_taken for another user's address and changes nothing", async () => {
      const user = await createActiveUser();
      const owner = await createActiveUser();
      const change = { fromEmail: user.email, toEmail: owner.email, keyStamp: "stamp-2" };
      expect(await db().users.changeEmail(user.id, change)).toBe("email_taken");
      expect(await db().users.findById(user.id)).toEqual(user);
      expect(await db().users.findById(owner.id)).toEqual(owner);
    });

    it("answers email_taken inside a transaction, which stays usable and commits", async () => {
      const user = await createActiveUser();
      const owner = await createActiveUser();
      const outcome = await db().transaction(async (tx) => {
        const taken = await tx.users.changeEmail(user.id, {
          fromEmail: user.email,
          toEmail: owner.email,
          keyStamp: "stamp-2",
        });
        const renewed = await tx.users.renewKeyStamp(user.id, { keyStamp: "stamp-3" }, "active");
        return { taken, renewed };
      });
      expect(outcome).toEqual({ taken: "email_taken", renewed: { ...user, keyStamp: "stamp-3" } });
      expect(await db().users.findById(user.id)).toEqual({ ...user, keyStamp: "stamp-3" });
    });

    it("lets exactly one of two users racing for one new address win", async () => {
      const [first, second] = [await createActiveUser(), await createActiveUser()];
      const toEmail = freshAddress();
      const results = await Promise.all(
        [first, second].map((user) =>
          db().users.changeEmail(user.id, { fromEmail: user.email, toEmail, keyStamp: "won" }),
        ),
      );
      const winners = results.filter((result) => result !== "email_taken");
      expect(winners).toHaveLength(1);
      expect(results.filter((result) => result === "email_taken")).toHaveLength(1);
      expect(await db().users.findByEmail(toEmail)).toEqual(winners[0]);
    });

    it("lets exactly one of two transactions racing for one new address win, both committing", async () => {
      const [first, second] = [await createActiveUser(), await createActiveUser()];
      const toEmail = freshAddress();
      const results = await Promise.all(
        [first, second].map((user) =>
          db().transaction(async (tx) => {
            const changed = await tx.users.changeEmail(user.id, {
              fromEmail: user.email,
              toEmail,
              keyStamp: "won",
            });
            // The loser's transaction must still be able to write, and commit.
            await tx.users.setPassword(user.id, { passwordHash: "hash-2", keyStamp: "after" });
            return changed;
          }),
        ),
      );
      expect(results.filter((result) => result === "email_taken")).toHaveLength(1);
      const winner = results.find((result) => result !== "email_taken");
      expect(winner?.email).toBe(toEmail);
      for (const user of [first, second]) {
        expect((await db().users.findById(user.id))?.keyStamp).toBe("after");
      }
      expect((await db().users.findByEmail(toEmail))?.id).toBe(winner?.id);
    });

    it("changes nothing once the address is no longer fromEmail", async () => {
      const user = await createActiveUser();
      const [second, third] = [freshAddress(), freshAddress()];
      await db().users.changeEmail(user.id, {
        fromEmail: user.email,
        toEmail: second,
        keyStamp: "stamp-2",
      });
      const stale = { fromEmail: user.email, toEmail: third, keyStamp: "stamp-3" };
      expect(await db().users.changeEmail(user.id, stale)).toBeNull();
      expect(await db().users.findById(user.id)).toEqual({
        ...user,
        email: second,
        keyStamp: "stamp-2",
      });
      expect(await db().users.findByEmail(third)).toBeNull();
    });

    it("changes nobody's address for an unknown user or a malformed id", async () => {
      const change = { fromEmail: freshAddress(), toEmail: freshAddress(), keyStamp: "stamp-2" };
      expect(await db().users.changeEmail(crypto.randomUUID(), change)).toBeNull();
      expect(await db().users.changeEmail("not-a-uuid", change)).toBeNull();
      expect(await db().users.findByEmail(change.toEmail)).toBeNull();
    });
  });

  describe("account deletion", () => {
    it("deletes the user and, with it, every session", async () => {
      const user = await createActiveUser();
      const session = await db().sessions.create(newSession(user.id));
      expect(await db().users.delete(user.id)).toBe(true);
      expect(await db().users.findById(user.id)).toBeNull();
      expect(await db().users.findByEmail(user.email)).toBeNull();
      expect(await db().sessions.listLive(user.id, at(60))).toEqual([]);
      expect(await db().sessions.rotate(rotation(session, "token-0", "token-1"))).toEqual({
        status: "not_found",
      });
      expect(await db().sessions.revoke(session.id, at(60), "logout")).toBe(false);
    });

    it("deletes a user once, and nothing for an unknown user or a malformed id", async () => {
      const user = await createUser();
      expect(await db().users.delete(user.id)).toBe(true);
      expect(await db().users.delete(user.id)).toBe(false);
      expect(await db().users.delete(crypto.randomUUID())).toBe(false);
      expect(await db().users.delete("not-a-uuid")).toBe(false);
    });

    it("frees the deleted user's address for a new signup", async () => {
      const user = await createActiveUser();
      await db().users.delete(user.id);
      const again = await createUser({ email: user.email });
      expect(again.id).not.toBe(user.id);
    });
  });

  describe("purging unactivated users", () => {
    // Long before every other user of the shared database (created from T0 on),
    // so the purge below counts only the users of this test.
    const longAgo = (days: number) => new Date(Date.UTC(2001, 0, 1) + days * DAY * 1000);

    it("deletes never-activated users created before the cutoff, and only them", async () => {
      const cutoff = longAgo(30);
      const stale = [
        await createUser({ createdAt: longAgo(0) }),
        await createUser({ createdAt: new Date(cutoff.getTime() - 1) }),
      ];
      const activeOld = await createActiveUser({ createdAt: longAgo(0) });
      const atCutoff = await createUser({ createdAt: cutoff });
      const recent = await createUser({ createdAt: longAgo(31) });

      expect(await db().users.purgeUnactivated(cutoff)).toBe(stale.length);
      for (const user of stale) expect(await db().users.findById(user.id)).toBeNull();
      for (const user of [activeOld, atCutoff, recent]) {
        expect(await db().users.findById(user.id)).toEqual(user);
      }
      expect(await db().users.purgeUnactivated(cutoff)).toBe(0);
    });
  });
}
