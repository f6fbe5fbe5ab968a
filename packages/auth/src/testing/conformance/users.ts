import { describe, expect, it } from "vitest";
import { at, type Fixtures, T0 } from "./fixtures";

/** What every new account starts with: no role beyond user, no ban. */
const NEW_ACCOUNT = { role: "user", bannedAt: null, bannedUntil: null, banReason: null };

export function usersContract({ db, newUser, createUser, createActiveUser }: Fixtures): void {
  describe("users", () => {
    it("answers a ping (readiness)", async () => {
      await expect(db().ping()).resolves.toBeUndefined();
    });

    it("creates an active user without a password for a provider's address", async () => {
      const input = {
        email: `provider-${crypto.randomUUID()}@example.test`,
        keyStamp: "stamp-1",
        locale: "ja",
      };
      const created = await db().users.createActive({ ...input, createdAt: T0 });
      expect(created).toEqual({
        id: expect.any(String),
        ...input,
        passwordHash: null,
        activatedAt: T0,
        createdAt: T0,
        ...NEW_ACCOUNT,
      });
      if (created === "email_taken") return;
      expect(await db().users.findById(created.id)).toEqual(created);
    });

    it("answers email_taken when a provider's address already has an account, active or not", async () => {
      for (const existing of [await createUser(), await createActiveUser()]) {
        const change = {
          email: existing.email,
          keyStamp: "stamp-2",
          createdAt: at(99),
          locale: "de",
        };
        expect(await db().users.createActive(change)).toBe("email_taken");
        expect(await db().users.findById(existing.id)).toEqual(existing);
      }
    });

    it("lets exactly one of 20 concurrent creates of one provider's address win", async () => {
      const email = `race-${crypto.randomUUID()}@example.test`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db().users.createActive({ email, keyStamp: `stamp-${i}`, createdAt: T0, locale: "en" }),
        ),
      );
      const winners = results.filter((result) => result !== "email_taken");
      expect(winners).toHaveLength(1);
      expect(await db().users.findByEmail(email)).toEqual(winners[0]);
    });

    it("signs up a new address as an inactive user, found by id and by address", async () => {
      const input = newUser({ locale: "ar" });
      const outcome = await db().users.signUp(input, { renewInactive: true });
      expect(outcome).toEqual({ status: "created", userId: expect.any(String) });
      const created = {
        id: outcome.userId,
        email: input.email,
        passwordHash: input.passwordHash,
        activatedAt: null,
        keyStamp: input.keyStamp,
        createdAt: input.createdAt,
        locale: "ar",
        ...NEW_ACCOUNT,
      };
      expect(await db().users.findByEmail(input.email)).toEqual(created);
      expect(await db().users.findById(outcome.userId)).toEqual(created);
    });

    it("signs up an inactive user's address again by taking the new password hash, stamp and language", async () => {
      const user = await createUser();
      // As the password: the newest signup's, whose activation email is the one that works.
      const again = newUser({
        email: user.email,
        passwordHash: "hash-2",
        keyStamp: "stamp-2",
        locale: "ja",
      });
      expect(
        await db().users.signUp({ ...again, createdAt: at(99) }, { renewInactive: true }),
      ).toEqual({ status: "renewed", userId: user.id });
      expect(await db().users.findById(user.id)).toEqual({
        ...user,
        passwordHash: "hash-2",
        keyStamp: "stamp-2",
        locale: "ja",
      });
    });

    it("sets an account's email language, and says null for an account that is gone", async () => {
      const user = await createActiveUser();
      expect(await db().users.setLocale(user.id, "fr")).toEqual({ ...user, locale: "fr" });
      expect(await db().users.findById(user.id)).toEqual({ ...user, locale: "fr" });
      await db().users.delete(user.id);
      expect(await db().users.setLocale(user.id, "de")).toBeNull();
      expect(await db().users.setLocale("not-a-uuid", "de")).toBeNull();
    });

    it("keeps an inactive user as it was when a signup may not renew it", async () => {
      const user = await createUser();
      const again = newUser({ email: user.email, passwordHash: "hash-2", keyStamp: "stamp-2" });
      expect(await db().users.signUp(again, { renewInactive: false })).toEqual({
        status: "kept",
        userId: user.id,
      });
      expect(await db().users.findById(user.id)).toEqual(user);
    });

    it("leaves an active user alone whether or not a signup may renew", async () => {
      const user = await createActiveUser();
      const again = newUser({ email: user.email, passwordHash: "hash-2", keyStamp: "stamp-2" });
      for (const renewInactive of [true, false]) {
        expect(await db().users.signUp(again, { renewInactive })).toEqual({
          status: "active",
          userId: user.id,
        });
      }
      expect(await db().users.findById(user.id)).toEqual(user);
    });

    it("settles two concurrent signups of one new address on one user, each with its outbox entry", async () => {
      const email = `race-${crypto.randomUUID()}@example.test`;
      const pendingBefore = (await db().outbox.stats(T0)).pending;
      const signUpAndQueue = (passwordHash: string, keyStamp: string) =>
        db().transaction(async (tx) => {
          const outcome = await tx.users.signUp(newUser({ email, passwordHash, keyStamp }), {
            renewInactive: true,
          });
          await tx.outbox.enqueue({ kind: "activation", userId: outcome.userId }, T0);
          return outcome;
        });
      const outcomes = await Promise.all([
        signUpAndQueue("first", "stamp-a"),
        signUpAndQueue("second", "stamp-b"),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["created", "renewed"]);
      const user = await db().users.findByEmail(email);
      expect(outcomes.map((outcome) => outcome.userId)).toEqual([user?.id, user?.id]);
      // The later of the two renewed the account: its password and stamp are the ones kept.
      const later = outcomes[0]?.status === "renewed" ? 0 : 1;
      expect(user?.passwordHash).toBe(["first", "second"][later]);
      expect(user?.keyStamp).toBe(["stamp-a", "stamp-b"][later]);
      expect((await db().outbox.stats(T0)).pending).toBe(pendingBefore + 2);
    });

    it("finds nobody for an unknown id, a malformed id or an unknown address", async () => {
      expect(await db().users.findById(crypto.randomUUID())).toBeNull();
      expect(await db().users.findById("not-a-uuid")).toBeNull();
      expect(await db().users.findByEmail(`nobody-${crypto.randomUUID()}@example.test`)).toBeNull();
    });

    it("hands out copies: changing a returned user changes nothing stored", async () => {
      const user = await createUser();
      user.email = "changed@example.test";
      user.createdAt.setTime(0);
      const stored = await db().users.findById(user.id);
      expect(stored?.email).not.toBe("changed@example.test");
      expect(stored?.createdAt).toEqual(T0);
    });

    it("renews the key stamp, and the password hash when given, of an inactive user", async () => {
      const user = await createUser();
      const renewed = await db().users.renewKeyStamp(user.id, { keyStamp: "stamp-2" }, "inactive");
      expect(renewed).toEqual({ ...user, keyStamp: "stamp-2" });
      const again = await db().users.renewKeyStamp(
        user.id,
        { keyStamp: "stamp-3", passwordHash: "hash-2" },
        "inactive",
      );
      expect(again).toEqual({ ...user, keyStamp: "stamp-3", passwordHash: "hash-2" });
      expect(await db().users.findById(user.id)).toEqual(again);
    });

    it("renews the key stamp of an active user when asked for the active state", async () => {
      const user = await createActiveUser();
      const renewed = await db().users.renewKeyStamp(user.id, { keyStamp: "stamp-2" }, "active");
      expect(renewed).toEqual({ ...user, keyStamp: "stamp-2" });
      expect(await db().users.findById(user.id)).toEqual(renewed);
    });

    it("renews the key stamp only from the expected one when it is given (compare-and-set)", async () => {
      const user = await createActiveUser();
      const change = { keyStamp: "stamp-2", expectedKeyStamp: "not its stamp" };
      expect(await db().users.renewKeyStamp(user.id, change, "active")).toBeNull();
      expect(await db().users.findById(user.id)).toEqual(user);
      const renewed = await db().users.renewKeyStamp(
        user.id,
        { keyStamp: "stamp-2", expectedKeyStamp: user.keyStamp },
        "active",
      );
      expect(renewed).toEqual({ ...user, keyStamp: "stamp-2" });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          db().users.renewKeyStamp(
            user.id,
            { keyStamp: `stamp-race-${i}`, expectedKeyStamp: "stamp-2" },
            "active",
          ),
        ),
      );
      expect(results.filter((result) => result !== null)).toHaveLength(1);
    });

    it("renews nothing for a user in the other state, an unknown user or a malformed id", async () => {
      const change = { keyStamp: "stamp-2", passwordHash: "hash-2" };
      const active = await createActiveUser();
      expect(await db().users.renewKeyStamp(active.id, change, "inactive")).toBeNull();
      expect(await db().users.findById(active.id)).toEqual(active);
      const inactive = await createUser();
      expect(await db().users.renewKeyStamp(inactive.id, change, "active")).toBeNull();
      expect(await db().users.findById(inactive.id)).toEqual(inactive);
      expect(await db().users.renewKeyStamp(crypto.randomUUID(), change, "inactive")).toBeNull();
      expect(await db().users.renewKeyStamp("not-a-uuid", change, "active")).toBeNull();
    });

    it("activates an inactive user once, recording when", async () => {
      const user = await createUser();
      expect(await db().users.activate(user.id, at(10))).toBe(true);
      expect(await db().users.activate(user.id, at(20))).toBe(false);
      expect((await db().users.findById(user.id))?.activatedAt).toEqual(at(10));
      expect(await db().users.activate(crypto.randomUUID(), at(10))).toBe(false);
    });

    it("activates only while the key stamp is the one expected", async () => {
      const user = await createUser();
      expect(await db().users.activate(user.id, at(10), { expectedKeyStamp: "older" })).toBe(false);
      expect(await db().users.activate(user.id, at(10), { expectedKeyStamp: user.keyStamp })).toBe(
        true,
      );
    });

    it("sets the password chosen at activation, with a fresh stamp", async () => {
      const user = await createUser();
      const newPassword = { passwordHash: "$argon2id$chosen-now", keyStamp: "fresh-stamp" };
      expect(
        await db().users.activate(user.id, at(10), {
          expectedKeyStamp: user.keyStamp,
          newPassword,
        }),
      ).toBe(true);
      expect(await db().users.findById(user.id)).toMatchObject({
        ...newPassword,
        activatedAt: at(10),
      });
    });

    it("discards every pending password when a provider proves the mailbox at activation", async () => {
      const user = await createUser();
      const newPassword = { passwordHash: null, keyStamp: "fresh-stamp" };
      expect(
        await db().users.activate(user.id, at(10), {
          expectedKeyStamp: user.keyStamp,
          newPassword,
        }),
      ).toBe(true);
      expect(await db().users.findById(user.id)).toEqual({
        ...user,
        ...newPassword,
        activatedAt: at(10),
      });
    });

    it("lets exactly one of ten concurrent activations succeed", async () => {
      const user = await createUser();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => db().users.activate(user.id, at(10 + i))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
