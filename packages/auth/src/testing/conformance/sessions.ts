import { describe, expect, it } from "vitest";
import { at, DAY, type Fixtures } from "./fixtures";

export function sessionsContract({
  db,
  createUser,
  newSession,
  createSession,
  rotation,
}: Fixtures): void {
  describe("sessions", () => {
    it("creates a live session, last used when created", async () => {
      const user = await createUser();
      const input = newSession(user.id);
      expect(await db().sessions.create(input)).toEqual({
        id: expect.any(String),
        userId: user.id,
        refreshTokenId: input.refreshTokenId,
        createdAt: input.createdAt,
        lastUsedAt: input.createdAt,
        expiresAt: input.expiresAt,
        revokedAt: null,
        userAgent: input.userAgent,
        ip: input.ip,
      });
    });

    it("rotates the current token, returning the user, and the new token rotates next", async () => {
      const { user, session } = await createSession();
      expect(await db().sessions.rotate(rotation(session, "token-0", "token-1"))).toEqual({
        status: "rotated",
        user: { id: user.id, email: user.email },
        expiresAt: at(60 + DAY),
      });
      const next = rotation(session, "token-1", "token-2", at(DAY + 30));
      expect((await db().sessions.rotate(next)).status).toBe("rotated");
    });

    it("never moves the expiry past the session's creation plus its maximum lifetime", async () => {
      const { session } = await createSession();
      const capped = { ...rotation(session, "token-0", "token-1"), maxLifetimeSeconds: 3600 };
      expect(await db().sessions.rotate(capped)).toMatchObject({
        status: "rotated",
        expiresAt: new Date(session.createdAt.getTime() + 3600 * 1000),
      });
      const late = {
        ...rotation(session, "token-1", "token-2", at(3600)),
        maxLifetimeSeconds: 3600,
      };
      expect((await db().sessions.rotate(late)).status).toBe("expired");
    });

    it("tells whether a session is live: not revoked, not expired, and the user's", async () => {
      const { user, session } = await createSession();
      expect(await db().sessions.isLive(session.id, user.id, at(60))).toBe(true);
      expect(await db().sessions.isLive(session.id, user.id, session.expiresAt)).toBe(false);
      expect(await db().sessions.isLive(session.id, crypto.randomUUID(), at(60))).toBe(false);
      expect(await db().sessions.isLive("not-a-uuid", user.id, at(60))).toBe(false);
      await db().sessions.revoke(session.id, at(70), "logout");
      expect(await db().sessions.isLive(session.id, user.id, at(80))).toBe(false);
    });

    it("answers reused for a token that was already rotated away", async () => {
      const { session } = await createSession();
      await db().sessions.rotate(rotation(session, "token-0", "token-1"));
      expect(await db().sessions.rotate(rotation(session, "token-0", "token-x"))).toEqual({
        status: "reused",
      });
      expect((await db().sessions.rotate(rotation(session, "token-1", "token-2"))).status).toBe(
        "rotated",
      );
    });

    it("answers revoked for a revoked session, even with its current token", async () => {
      const { session } = await createSession();
      await db().sessions.revoke(session.id, at(30), "logout");
      expect(await db().sessions.rotate(rotation(session, "token-0", "token-1"))).toEqual({
        status: "revoked",
      });
    });

    it("answers expired from the expiry instant on", async () => {
      const { session } = await createSession({ expiresAt: at(100) });
      const late = rotation(session, "token-0", "token-1", at(100));
      expect(await db().sessions.rotate(late)).toEqual({ status: "expired" });
      const inTime = rotation(session, "token-0", "token-1", at(99));
      expect((await db().sessions.rotate(inTime)).status).toBe("rotated");
    });

    it("answers not_found for an unknown session or another user's", async () => {
      const { session } = await createSession();
      const stranger = await createUser();
      const unknown = { id: crypto.randomUUID(), userId: session.userId };
      expect(await db().sessions.rotate(rotation(unknown, "token-0", "token-1"))).toEqual({
        status: "not_found",
      });
      const wrongUser = { id: session.id, userId: stranger.id };
      expect(await db().sessions.rotate(rotation(wrongUser, "token-0", "token-1"))).toEqual({
        status: "not_found",
      });
      // The owner's token still works: the failed attempts changed nothing.
      expect((await db().sessions.rotate(rotation(session, "token-0", "token-1"))).status).toBe(
        "rotated",
      );
    });

    it("lets exactly one of concurrent rotations from one token win, in transactions too", async () => {
      const { session } = await createSession();
      const direct = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          db().sessions.rotate(rotation(session, "token-0", `direct-${i}`)),
        ),
      );
      expect(direct.map((outcome) => outcome.status).sort()).toEqual([
        "reused",
        "reused",
        "reused",
        "reused",
        "rotated",
      ]);
      const winner = direct.findIndex((outcome) => outcome.status === "rotated");
      const inTransactions = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          db().transaction((tx) =>
            tx.sessions.rotate(rotation(session, `direct-${winner}`, `tx-${i}`, at(90))),
          ),
        ),
      );
      expect(inTransactions.filter((outcome) => outcome.status === "rotated")).toHaveLength(1);
    });

    it("revokes a session once", async () => {
      const { session } = await createSession();
      expect(await db().sessions.revoke(session.id, at(30), "logout")).toBe(true);
      expect(await db().sessions.revoke(session.id, at(40), "logout")).toBe(false);
      expect(await db().sessions.revoke(crypto.randomUUID(), at(40), "logout")).toBe(false);
    });

    it("does not revoke after a reuse within the grace window of the last rotation", async () => {
      const { session } = await createSession();
      await db().sessions.rotate(rotation(session, "token-0", "token-1", at(100)));
      expect(await db().sessions.revokeAfterReuse(session.id, at(109), 10)).toBe(false);
      expect(
        (await db().sessions.rotate(rotation(session, "token-1", "token-2", at(100)))).status,
      ).toBe("rotated");
    });

    it("revokes after a reuse once the grace window has passed", async () => {
      const { session } = await createSession();
      await db().sessions.rotate(rotation(session, "token-0", "token-1", at(100)));
      expect(await db().sessions.revokeAfterReuse(session.id, at(110), 10)).toBe(true);
      expect(await db().sessions.revokeAfterReuse(session.id, at(200), 10)).toBe(false);
      expect(await db().sessions.rotate(rotation(session, "token-1", "token-2", at(120)))).toEqual({
        status: "revoked",
      });
      expect(await db().sessions.revokeAfterReuse(crypto.randomUUID(), at(200), 10)).toBe(false);
    });
  });
}
