import { describe, expect, it } from "vitest";
import type { Passkey } from "../../ports/database";
import { at, type Fixtures } from "./fixtures";

export function passkeysContract({ db, createActiveUser }: Fixtures): void {
  const passkey = (userId: string, overrides: Partial<Passkey> = {}): Passkey => ({
    id: `credential-${crypto.randomUUID()}`,
    userId,
    publicKey: "pQECAyYgASFYIA",
    counter: 0,
    transports: ["internal", "hybrid"],
    name: "Laptop",
    createdAt: at(20),
    lastUsedAt: null,
    ...overrides,
  });

  describe("passkeys", () => {
    it("keeps a passkey as registered and lists a user's passkeys oldest first", async () => {
      const user = await createActiveUser();
      const second = passkey(user.id, { name: "Phone", createdAt: at(40), counter: 4_000_000_000 });
      const first = passkey(user.id);
      expect(await db().passkeys.create(second)).toBe(true);
      expect(await db().passkeys.create(first)).toBe(true);
      expect(await db().passkeys.findById(first.id)).toEqual(first);
      expect(await db().passkeys.listOfUser(user.id)).toEqual([first, second]);
      expect(await db().passkeys.listOfUser((await createActiveUser()).id)).toEqual([]);
    });

    it("refuses a credential id registered before, by this account or another", async () => {
      const [owner, other] = [await createActiveUser(), await createActiveUser()];
      const original = passkey(owner.id);
      expect(await db().passkeys.create(original)).toBe(true);
      expect(await db().passkeys.create({ ...original, name: "Again" })).toBe(false);
      expect(await db().passkeys.create({ ...original, userId: other.id })).toBe(false);
      expect(await db().passkeys.findById(original.id)).toEqual(original);
    });

    it("never removes the last way in of an account without a password, even racing an unlink", async () => {
      const users = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          db().users.createActive({
            email: `keyonly-${i}-${crypto.randomUUID()}@example.test`,
            keyStamp: "stamp",
            createdAt: at(1),
            locale: "en",
          }),
        ),
      );
      for (const user of users) {
        if (user === "email_taken") throw new Error("unexpected taken address");
        const key = passkey(user.id);
        await db().passkeys.create(key);
        expect(await db().passkeys.remove(user.id, key.id)).toBe("last_way_in");
      }
      // With one identity beside the passkey, a removal and an unlink race: one of them wins.
      const outcomes = await Promise.all(
        users.map(async (user) => {
          if (user === "email_taken") throw new Error("unexpected taken address");
          const [key] = await db().passkeys.listOfUser(user.id);
          await db().identities.link({
            userId: user.id,
            providerId: "acme",
            issuer: "https://id.acme.test",
            subject: `subject-${user.id}`,
            email: null,
            createdAt: at(2),
          });
          const [identity] = await db().identities.listOfUser(user.id);
          const [removed, unlinked] = await Promise.all([
            db().passkeys.remove(user.id, key?.id ?? ""),
            db().identities.unlink(user.id, identity?.id ?? ""),
          ]);
          return (removed === true ? 1 : 0) + (unlinked && unlinked !== "last_way_in" ? 1 : 0);
        }),
      );
      expect(outcomes).toEqual(users.map(() => 1));
    });

    it("renames and removes only the owner's passkey", async () => {
      const [owner, other] = [await createActiveUser(), await createActiveUser()];
      const key = passkey(owner.id);
      await db().passkeys.create(key);
      expect(await db().passkeys.rename(other.id, key.id, "Mine now")).toBe(false);
      expect(await db().passkeys.rename(owner.id, key.id, "Work laptop")).toBe(true);
      expect((await db().passkeys.findById(key.id))?.name).toBe("Work laptop");
      expect(await db().passkeys.remove(other.id, key.id)).toBe(false);
      expect(await db().passkeys.remove(owner.id, key.id)).toBe(true);
      expect(await db().passkeys.remove(owner.id, key.id)).toBe(false);
      expect(await db().passkeys.findById(key.id)).toBeNull();
      expect(await db().passkeys.rename(owner.id, "no-such-id", "x")).toBe(false);
    });

    it("records a use only from the counter it read: of two parallel uses, one wins", async () => {
      const user = await createActiveUser();
      const key = passkey(user.id, { counter: 5 });
      await db().passkeys.create(key);
      const use = (toCounter: number) =>
        db().passkeys.recordUse(key.id, { fromCounter: 5, toCounter, at: at(60) });
      const results = await Promise.all([use(6), use(7)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await db().passkeys.findById(key.id);
      expect([6, 7]).toContain(stored?.counter);
      expect(stored?.lastUsedAt).toEqual(at(60));
      expect(await use(8)).toBe(false);
    });

    it("lets an authenticator that never counts be used again at 0", async () => {
      const user = await createActiveUser();
      const key = passkey(user.id);
      await db().passkeys.create(key);
      const use = { fromCounter: 0, toCounter: 0, at: at(60) };
      expect(await db().passkeys.recordUse(key.id, use)).toBe(true);
      expect(await db().passkeys.recordUse(key.id, { ...use, at: at(90) })).toBe(true);
      expect((await db().passkeys.findById(key.id))?.lastUsedAt).toEqual(at(90));
    });

    it("deletes a user's passkeys with the user", async () => {
      const user = await createActiveUser();
      const key = passkey(user.id);
      await db().passkeys.create(key);
      await db().users.delete(user.id);
      expect(await db().passkeys.findById(key.id)).toBeNull();
    });
  });
}
