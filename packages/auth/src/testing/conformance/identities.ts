import { describe, expect, it } from "vitest";
import type { NewIdentity } from "../../ports/database";
import { at, type Fixtures, T0 } from "./fixtures";

export function identitiesContract({ db, createActiveUser }: Fixtures): void {
  const ISSUER = "https://id.example.test";
  const newIdentity = (userId: string, overrides: Partial<NewIdentity> = {}): NewIdentity => ({
    userId,
    providerId: "acme",
    issuer: ISSUER,
    subject: `subject-${crypto.randomUUID()}`,
    email: "person@id.example.test",
    createdAt: at(20),
    ...overrides,
  });
  const link = async (userId: string, overrides: Partial<NewIdentity> = {}) => {
    const identity = newIdentity(userId, overrides);
    if (!(await db().identities.link(identity))) throw new Error("expected a new identity");
    const found = await db().identities.find(identity.issuer, identity.subject);
    if (!found) throw new Error("expected the linked identity");
    return found;
  };
  /** An account a provider created: active, no password. */
  const createPasswordless = async () => {
    const user = await db().users.createActive({
      email: `provider-${crypto.randomUUID()}@example.test`,
      keyStamp: "stamp-1",
      createdAt: T0,
      locale: "en",
    });
    if (user === "email_taken") throw new Error("expected a fresh address");
    return user;
  };

  describe("identities", () => {
    it("links an identity, finds it by (issuer, subject) and lists a user's identities oldest first", async () => {
      const user = await createActiveUser();
      const second = newIdentity(user.id, { providerId: "google", createdAt: at(40) });
      const first = newIdentity(user.id, { email: null });
      expect(await db().identities.link(second)).toBe(true);
      expect(await db().identities.link(first)).toBe(true);
      const found = await db().identities.find(first.issuer, first.subject);
      expect(found).toEqual({ ...first, id: expect.any(String), lastUsedAt: null });
      const listed = await db().identities.listOfUser(user.id);
      expect(listed.map((identity) => identity.subject)).toEqual([first.subject, second.subject]);
      expect(listed[0]).toEqual(found);
      expect(await db().identities.listOfUser((await createActiveUser()).id)).toEqual([]);
      expect(await db().identities.listOfUser("not-a-uuid")).toEqual([]);
    });

    it("keys an identity by issuer and subject together", async () => {
      const user = await createActiveUser();
      const identity = await link(user.id);
      expect(await db().identities.find("https://other.example.test", identity.subject)).toBeNull();
      expect(await db().identities.find(ISSUER, `subject-${crypto.randomUUID()}`)).toBeNull();
      // The same subject at another issuer is another person.
      const other = await createActiveUser();
      const elsewhere = await link(other.id, {
        issuer: "https://other.example.test",
        subject: identity.subject,
      });
      expect(elsewhere.userId).toBe(other.id);
      expect((await db().identities.find(ISSUER, identity.subject))?.userId).toBe(user.id);
    });

    it("refuses an (issuer, subject) linked before, to this account or another", async () => {
      const [owner, other] = [await createActiveUser(), await createActiveUser()];
      const original = await link(owner.id);
      const again = newIdentity(owner.id, { subject: original.subject, providerId: "again" });
      expect(await db().identities.link(again)).toBe(false);
      expect(await db().identities.link({ ...again, userId: other.id })).toBe(false);
      expect(await db().identities.find(ISSUER, original.subject)).toEqual(original);
      expect(await db().identities.listOfUser(other.id)).toEqual([]);
    });

    it("lets exactly one of 20 concurrent links of one (issuer, subject) win", async () => {
      const users = await Promise.all(Array.from({ length: 20 }, () => createActiveUser()));
      const subject = `subject-${crypto.randomUUID()}`;
      const results = await Promise.all(
        users.map((user) => db().identities.link(newIdentity(user.id, { subject }))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = users[results.indexOf(true)];
      expect((await db().identities.find(ISSUER, subject))?.userId).toBe(winner?.id);
    });

    it("records a use with the address the provider gave this time", async () => {
      const identity = await link((await createActiveUser()).id);
      await db().identities.recordUse(identity.id, { at: at(60), email: "moved@id.example.test" });
      expect(await db().identities.find(ISSUER, identity.subject)).toEqual({
        ...identity,
        lastUsedAt: at(60),
        email: "moved@id.example.test",
      });
      await db().identities.recordUse(identity.id, { at: at(90), email: null });
      expect(await db().identities.find(ISSUER, identity.subject)).toMatchObject({
        lastUsedAt: at(90),
        email: null,
      });
      await expect(
        db().identities.recordUse(crypto.randomUUID(), { at: at(90), email: null }),
      ).resolves.toBeUndefined();
      await expect(
        db().identities.recordUse("not-a-uuid", { at: at(90), email: null }),
      ).resolves.toBeUndefined();
    });

    it("unlinks only the user's own identity", async () => {
      const [owner, other] = [await createActiveUser(), await createActiveUser()];
      const identity = await link(owner.id);
      expect(await db().identities.unlink(other.id, identity.id)).toBeNull();
      expect(await db().identities.find(ISSUER, identity.subject)).toEqual(identity);
      expect(await db().identities.unlink(owner.id, identity.id)).toEqual(identity);
      expect(await db().identities.find(ISSUER, identity.subject)).toBeNull();
      expect(await db().identities.unlink(owner.id, identity.id)).toBeNull();
      expect(await db().identities.unlink(owner.id, crypto.randomUUID())).toBeNull();
      expect(await db().identities.unlink("not-a-uuid", identity.id)).toBeNull();
      expect(await db().identities.unlink(owner.id, "not-a-uuid")).toBeNull();
    });

    it("refuses to unlink the only way in of an account without a password", async () => {
      const user = await createPasswordless();
      const identity = await link(user.id);
      expect(await db().identities.unlink(user.id, identity.id)).toBe("last_way_in");
      expect(await db().identities.find(ISSUER, identity.subject)).toEqual(identity);
    });

    it("unlinks an identity while a password, a passkey or another identity remains", async () => {
      const withPassword = await createActiveUser();
      const byPassword = await link(withPassword.id);
      expect(await db().identities.unlink(withPassword.id, byPassword.id)).toEqual(byPassword);

      const withPasskey = await createPasswordless();
      const byPasskey = await link(withPasskey.id);
      await db().passkeys.create({
        id: `credential-${crypto.randomUUID()}`,
        userId: withPasskey.id,
        publicKey: "pQECAyYgASFYIA",
        counter: 0,
        transports: ["internal"],
        name: "Laptop",
        createdAt: at(30),
        lastUsedAt: null,
      });
      expect(await db().identities.unlink(withPasskey.id, byPasskey.id)).toEqual(byPasskey);

      const withTwo = await createPasswordless();
      const [one, two] = [await link(withTwo.id), await link(withTwo.id)];
      expect(await db().identities.unlink(withTwo.id, one.id)).toEqual(one);
      expect(await db().identities.unlink(withTwo.id, two.id)).toBe("last_way_in");
    });

    it("of two concurrent unlinks of a password-less account's only two identities, exactly one succeeds", async () => {
      // Ten accounts at once, so a missing lock shows on some of them every run.
      const accounts = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const user = await createPasswordless();
          return { user, identities: [await link(user.id), await link(user.id)] };
        }),
      );
      const outcomes = await Promise.all(
        accounts.map(({ user, identities }) =>
          Promise.all(identities.map((identity) => db().identities.unlink(user.id, identity.id))),
        ),
      );
      for (const [i, { user, identities }] of accounts.entries()) {
        const results = outcomes[i] ?? [];
        expect(results.filter((result) => result === "last_way_in")).toHaveLength(1);
        const [unlinked] = results.filter((result) => result !== "last_way_in");
        expect(identities).toContainEqual(unlinked);
        expect(await db().identities.listOfUser(user.id)).toEqual(
          identities.filter((identity) => identity.id !== unlinked?.id),
        );
      }
    });

    it("deletes a user's identities with the user", async () => {
      const user = await createActiveUser();
      const identity = await link(user.id);
      await db().users.delete(user.id);
      expect(await db().identities.find(ISSUER, identity.subject)).toBeNull();
      expect(await db().identities.listOfUser(user.id)).toEqual([]);
    });
  });
}
