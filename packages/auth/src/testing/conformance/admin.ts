import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { at, type Fixtures } from "./fixtures";

export function adminContract({ db, createUser, createActiveUser, newSession }: Fixtures): void {
  describe("roles and bans", () => {
    it("sets the role of an address's account, and says when there is none", async () => {
      const user = await createActiveUser();
      expect(await db().users.setRole(user.email, "admin")).toMatchObject({
        id: user.id,
        role: "admin",
      });
      expect((await db().users.findById(user.id))?.role).toBe("admin");
      expect((await db().users.setRole(user.email, "user"))?.role).toBe("user");
      expect(await db().users.setRole(`nobody-${crypto.randomUUID()}@example.test`, "admin")).toBe(
        null,
      );
    });

    it("bans until a time or for good, and unbans; holdUnlessBanned follows", async () => {
      const user = await createActiveUser();
      expect(await db().users.holdUnlessBanned(user.id, at(20))).toBe(true);
      const banned = await db().users.ban(user.id, { at: at(30), until: at(100), reason: "spam" });
      expect(banned).toMatchObject({ bannedAt: at(30), bannedUntil: at(100), banReason: "spam" });
      expect(await db().users.holdUnlessBanned(user.id, at(40))).toBe(false);
      expect(await db().users.holdUnlessBanned(user.id, at(100))).toBe(true);

      await db().users.ban(user.id, { at: at(200), until: null, reason: "fraud" });
      expect(await db().users.holdUnlessBanned(user.id, at(10_000_000))).toBe(false);
      expect(await db().users.unban(user.id)).toMatchObject({
        bannedAt: null,
        bannedUntil: null,
        banReason: null,
      });
      expect(await db().users.holdUnlessBanned(user.id, at(300))).toBe(true);
      expect(
        await db().users.ban(crypto.randomUUID(), { at: at(1), until: null, reason: "x" }),
      ).toBe(null);
      expect(await db().users.holdUnlessBanned(crypto.randomUUID(), at(1))).toBe(false);
    });

    // The race a ban must win: a sign-in that checked the ban before it committed
    // its session. Without the share lock, PostgreSQL lets the ban's UPDATE through
    // at once and its revokeAllOfUser cannot see the uncommitted session.
    it("makes a ban wait for a sign-in holding the user's row, then end the session it started", async () => {
      const user = await createActiveUser();
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked = () => {};
      const holding = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const signIn = db().transaction(async (tx) => {
        expect(await tx.users.holdUnlessBanned(user.id, at(20))).toBe(true);
        const session = await tx.sessions.create(newSession(user.id));
        locked();
        await held;
        return session;
      });
      await holding;
      const ban = db().transaction(async (tx) => {
        await tx.users.ban(user.id, { at: at(30), until: null, reason: "raced" });
        return tx.sessions.revokeAllOfUser(user.id, at(30), "banned", null);
      });
      await sleep(100);
      release();
      const session = await signIn;
      expect(await ban).toEqual([session.id]);
      expect(await db().sessions.listLive(user.id, at(40))).toEqual([]);
    });

    it("searches accounts by a part of the address, newest first, a page at a time", async () => {
      const tag = `search-${crypto.randomUUID().slice(0, 8)}`;
      const made = [];
      for (let i = 0; i < 3; i++)
        made.push(await createUser({ email: `${tag}-${i}@example.test` }));
      const first = await db().users.search({ query: tag, limit: 2 });
      expect(first.map((user) => user.email)).toEqual([
        `${tag}-2@example.test`,
        `${tag}-1@example.test`,
      ]);
      const next = await db().users.search({ query: tag, before: first[1]?.id ?? "", limit: 2 });
      expect(next.map((user) => user.id)).toEqual([made[0]?.id]);
      expect(await db().users.search({ query: `${tag}-nothing`, limit: 2 })).toEqual([]);
    });
  });
}
