import { describe, expect, it } from "vitest";
import type { RotateRefreshToken } from "../../ports/database";
import { at, DAY, type Fixtures } from "./fixtures";

const reissueOf = ({ fromTokenId: _, ...change }: RotateRefreshToken) => change;

export function sessionManagementContract({
  db,
  createUser,
  createActiveUser,
  newSession,
  createSession,
  rotation,
}: Fixtures): void {
  /** An active user with sessions created at the given seconds after T0, in that order. */
  const userWithSessions = async (...createdAt: number[]) => {
    const user = await createActiveUser();
    const sessions = [];
    for (const seconds of createdAt) {
      sessions.push(await db().sessions.create(newSession(user.id, { createdAt: at(seconds) })));
    }
    return { user, sessions };
  };

  describe("listing live sessions", () => {
    it("lists the user's sessions, most recently used first", async () => {
      const {
        user,
        sessions: [oldest, middle, newest],
      } = await userWithSessions(0, 10, 20);
      if (!oldest || !middle || !newest) throw new Error("expected three sessions");
      await db().sessions.rotate(rotation(oldest, "token-0", "token-1", at(30)));

      const live = await db().sessions.listLive(user.id, at(40));
      expect(live.map((session) => session.id)).toEqual([oldest.id, newest.id, middle.id]);
      expect(live[1]).toEqual(newest);
      expect(live[0]).toMatchObject({ refreshTokenId: "token-1", lastUsedAt: at(30) });
    });

    it("leaves out revoked and expired sessions and other users' sessions", async () => {
      const user = await createActiveUser();
      const create = (expiresAt = at(DAY)) =>
        db().sessions.create(newSession(user.id, { expiresAt }));
      const live = await create();
      const revoked = await create();
      await db().sessions.revoke(revoked.id, at(5), "logout");
      await create(at(100)); // expires exactly at the listing instant
      await create(at(50));
      await createSession();

      expect(await db().sessions.listLive(user.id, at(100))).toEqual([live]);
    });

    it("lists nothing for a user without sessions, an unknown user or a malformed id", async () => {
      expect(await db().sessions.listLive((await createUser()).id, at(0))).toEqual([]);
      expect(await db().sessions.listLive(crypto.randomUUID(), at(0))).toEqual([]);
      expect(await db().sessions.listLive("not-a-uuid", at(0))).toEqual([]);
    });
  });

  describe("revoking one's own session", () => {
    it("revokes the user's own session once", async () => {
      const { user, session } = await createSession();
      expect(await db().sessions.revokeOwn(session.id, user.id, at(30), "logout")).toBe(true);
      expect(await db().sessions.revokeOwn(session.id, user.id, at(40), "logout")).toBe(false);
      expect(await db().sessions.listLive(user.id, at(50))).toEqual([]);
      expect(await db().sessions.rotate(rotation(session, "token-0", "token-1"))).toEqual({
        status: "revoked",
      });
    });

    it("refuses another user's session, which stays live", async () => {
      const { session } = await createSession();
      const stranger = await createActiveUser();
      expect(await db().sessions.revokeOwn(session.id, stranger.id, at(30), "logout")).toBe(false);
      expect((await db().sessions.rotate(rotation(session, "token-0", "token-1"))).status).toBe(
        "rotated",
      );
    });

    it("revokes nothing for an unknown session or malformed ids", async () => {
      const { user, session } = await createSession();
      const revokeOwn = (sessionId: string, userId: string) =>
        db().sessions.revokeOwn(sessionId, userId, at(30), "logout");
      expect(await revokeOwn(crypto.randomUUID(), user.id)).toBe(false);
      expect(await revokeOwn("not-a-uuid", user.id)).toBe(false);
      expect(await revokeOwn(session.id, "not-a-uuid")).toBe(false);
    });
  });

  describe("revoking all of a user's sessions", () => {
    it("revokes every live session but the excepted one, returning exactly the revoked ids", async () => {
      const {
        user,
        sessions: [kept, first, second, revoked],
      } = await userWithSessions(0, 1, 2, 3);
      if (!kept || !first || !second || !revoked) throw new Error("expected four sessions");
      await db().sessions.revoke(revoked.id, at(5), "logout");
      const expired = await db().sessions.create(newSession(user.id, { expiresAt: at(50) }));
      const { session: strangers } = await createSession();

      const ids = await db().sessions.revokeAllOfUser(user.id, at(60), "logout_all", kept.id);
      expect([...ids].sort()).toEqual([first.id, second.id].sort());
      expect(await db().sessions.listLive(user.id, at(60))).toEqual([kept]);
      // Already revoked, or expired before: not among the ids, and left as they were
      // (the expired one still rotates at an instant before its expiry: it was not revoked).
      expect(await db().sessions.revoke(revoked.id, at(70), "logout")).toBe(false);
      expect(
        (await db().sessions.rotate(rotation(expired, "token-0", "token-1", at(40)))).status,
      ).toBe("rotated");
      expect(await db().sessions.listLive(strangers.userId, at(60))).toEqual([strangers]);
    });

    it("revokes the rest on a second call without exception, and then nothing", async () => {
      const {
        user,
        sessions: [kept, other],
      } = await userWithSessions(0, 1);
      if (!kept || !other) throw new Error("expected two sessions");
      expect(await db().sessions.revokeAllOfUser(user.id, at(60), "logout_all", kept.id)).toEqual([
        other.id,
      ]);
      expect(await db().sessions.revokeAllOfUser(user.id, at(70), "deleted", null)).toEqual([
        kept.id,
      ]);
      expect(await db().sessions.revokeAllOfUser(user.id, at(80), "deleted", null)).toEqual([]);
    });

    it("revokes nothing for an unknown user or a malformed id", async () => {
      const { session } = await createSession();
      expect(await db().sessions.revokeAllOfUser(crypto.randomUUID(), at(60), "x", null)).toEqual(
        [],
      );
      expect(await db().sessions.revokeAllOfUser("not-a-uuid", at(60), "x", session.id)).toEqual(
        [],
      );
      expect(await db().sessions.listLive(session.userId, at(60))).toEqual([session]);
    });

    it("excepts no session when the excepted id is malformed", async () => {
      const { user, session } = await createSession();
      expect(await db().sessions.revokeAllOfUser(user.id, at(60), "x", "not-a-uuid")).toEqual([
        session.id,
      ]);
    });
  });

  describe("reissuing a session's refresh token", () => {
    it("swaps whatever token the live session holds, returning the user", async () => {
      const { user, session } = await createSession();
      await db().sessions.rotate(rotation(session, "token-0", "token-1", at(30)));
      const change = reissueOf(rotation(session, "unknown", "token-new", at(60)));
      expect(await db().sessions.reissue(change)).toEqual({
        status: "rotated",
        user: { id: user.id, email: user.email },
        expiresAt: change.expiresAt,
      });
      const [listed] = await db().sessions.listLive(user.id, at(60));
      expect(listed).toMatchObject({
        refreshTokenId: "token-new",
        lastUsedAt: at(60),
        expiresAt: change.expiresAt,
      });
      expect(await db().sessions.rotate(rotation(session, "token-1", "token-x", at(70)))).toEqual({
        status: "reused",
      });
      expect(
        (await db().sessions.rotate(rotation(session, "token-new", "token-2", at(70)))).status,
      ).toBe("rotated");
    });

    it("answers revoked for a revoked session", async () => {
      const { session } = await createSession();
      await db().sessions.revoke(session.id, at(30), "logout");
      const change = reissueOf(rotation(session, "token-0", "token-new"));
      expect(await db().sessions.reissue(change)).toEqual({ status: "revoked" });
    });

    it("answers expired from the expiry instant on", async () => {
      const { session } = await createSession({ expiresAt: at(100) });
      const late = reissueOf(rotation(session, "token-0", "token-new", at(100)));
      expect(await db().sessions.reissue(late)).toEqual({ status: "expired" });
    });

    it("answers not_found for another user's session, an unknown one or malformed ids", async () => {
      const { session } = await createSession();
      const stranger = await createActiveUser();
      const reissue = (sessionId: string, userId: string) =>
        db().sessions.reissue(
          reissueOf(rotation({ id: sessionId, userId }, "token-0", "token-new")),
        );
      expect(await reissue(session.id, stranger.id)).toEqual({ status: "not_found" });
      expect(await reissue(crypto.randomUUID(), session.userId)).toEqual({ status: "not_found" });
      expect(await reissue("not-a-uuid", session.userId)).toEqual({ status: "not_found" });
      expect(await reissue(session.id, "not-a-uuid")).toEqual({ status: "not_found" });
      // The owner's token was left alone.
      expect((await db().sessions.rotate(rotation(session, "token-0", "token-1"))).status).toBe(
        "rotated",
      );
    });
  });
}
