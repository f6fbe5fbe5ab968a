import type { RotateOutcome, RotateRefreshToken, SessionRepository } from "@latch/auth/ports";
import { Prisma } from "../generated/prisma/client";
import { type Client, isUuid } from "./client";

/** Exactly the domain's Session (revoke_reason stays in the database, for people reading it). */
const sessionColumns = {
  id: true,
  userId: true,
  refreshTokenId: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  userAgent: true,
  ip: true,
} as const satisfies Prisma.SessionSelect;

const REUSE_REVOKE_REASON = "refresh_token_reused";

export function sessionRepository(client: Client): SessionRepository {
  return {
    create(session) {
      return client.session.create({
        data: {
          userId: session.userId,
          refreshTokenId: session.refreshTokenId,
          createdAt: session.createdAt,
          lastUsedAt: session.createdAt,
          expiresAt: session.expiresAt,
          userAgent: session.userAgent,
          ip: session.ip,
        },
        select: sessionColumns,
      });
    },

    rotate: (change) => swapRefreshToken(client, change, change.fromTokenId),

    reissue: (change) => swapRefreshToken(client, change, null),

    async revoke(sessionId, at, reason) {
      if (!isUuid(sessionId)) return false;
      const { count } = await client.session.updateMany({
        where: { id: sessionId, revokedAt: null },
        data: { revokedAt: at, revokeReason: reason },
      });
      return count === 1;
    },

    // lastUsedAt is the time of the latest rotation: a reuse that close to it
    // is likelier two tabs refreshing at once than a stolen token.
    async revokeAfterReuse(sessionId, at, graceSeconds) {
      if (!isUuid(sessionId)) return false;
      const { count } = await client.session.updateMany({
        where: {
          id: sessionId,
          revokedAt: null,
          lastUsedAt: { lte: new Date(at.getTime() - graceSeconds * 1000) },
        },
        data: { revokedAt: at, revokeReason: REUSE_REVOKE_REASON },
      });
      return count === 1;
    },

    async isLive(sessionId, userId, now) {
      if (!isUuid(sessionId) || !isUuid(userId)) return false;
      const live = await client.session.count({
        where: { id: sessionId, userId, revokedAt: null, expiresAt: { gt: now } },
      });
      return live === 1;
    },

    async listLive(userId, now) {
      if (!isUuid(userId)) return [];
      return client.session.findMany({
        where: { userId, revokedAt: null, expiresAt: { gt: now } },
        // createdAt, then id (uuid v7), only to keep ties in a stable order.
        orderBy: [{ lastUsedAt: "desc" }, { createdAt: "desc" }, { id: "desc" }],
        select: sessionColumns,
      });
    },

    async revokeOwn(sessionId, userId, at, reason) {
      if (!isUuid(sessionId) || !isUuid(userId)) return false;
      const { count } = await client.session.updateMany({
        where: { id: sessionId, userId, revokedAt: null },
        data: { revokedAt: at, revokeReason: reason },
      });
      return count === 1;
    },

    // UPDATE ... RETURNING id: the ids are exactly the rows this statement
    // revoked, not a list read before (or after) a concurrent change.
    async revokeAllOfUser(userId, at, reason, exceptSessionId) {
      if (!isUuid(userId)) return [];
      // A malformed id names no session, so nothing is excepted.
      const except =
        exceptSessionId !== null && isUuid(exceptSessionId) ? { id: { not: exceptSessionId } } : {};
      const revoked = await client.session.updateManyAndReturn({
        where: { userId, revokedAt: null, expiresAt: { gt: at }, ...except },
        data: { revokedAt: at, revokeReason: reason },
        select: { id: true },
      });
      return revoked.map((session) => session.id);
    },
  };
}

/**
 * The compare-and-set is one UPDATE whose WHERE holds every condition, so of
 * two concurrent rotations from one token PostgreSQL lets exactly one match
 * (the other re-checks the row after the first commits and finds a new token
 * id). Only then is the user read, or, on failure, the session, to say why.
 * With fromTokenId null (reissue) any current token id will do, so the
 * outcome is never "reused".
 */
async function swapRefreshToken(
  client: Client,
  change: Omit<RotateRefreshToken, "fromTokenId">,
  fromTokenId: string | null,
): Promise<RotateOutcome> {
  if (!isUuid(change.sessionId) || !isUuid(change.userId)) return { status: "not_found" };
  // Raw SQL for LEAST(): the absolute end (created_at + max lifetime) is applied
  // in the same statement, so no sliding renewal can ever push past it.
  const sameToken =
    fromTokenId === null ? Prisma.empty : Prisma.sql`AND s.refresh_token_id = ${fromTokenId}`;
  // The user's address comes back from the same statement (UPDATE ... FROM): one round
  // trip, atomic on its own, so a refresh needs no transaction.
  const rotated = await client.$queryRaw<{ expires_at: Date; email: string }[]>`
    UPDATE sessions AS s
    SET refresh_token_id = ${change.toTokenId},
        last_used_at = ${change.now},
        expires_at = LEAST(
          ${change.expiresAt}::timestamptz,
          s.created_at + make_interval(secs => ${change.maxLifetimeSeconds}::double precision)
        )
    FROM users AS u
    WHERE s.id = ${change.sessionId}::uuid
      AND s.user_id = ${change.userId}::uuid
      AND u.id = s.user_id
      ${sameToken}
      AND s.revoked_at IS NULL
      AND s.expires_at > ${change.now}
    RETURNING s.expires_at, u.email`;
  const [row] = rotated;
  if (row) {
    return {
      status: "rotated",
      user: { id: change.userId, email: row.email },
      expiresAt: row.expires_at,
    };
  }
  const session = await client.session.findUnique({
    where: { id: change.sessionId },
    select: { userId: true, revokedAt: true, expiresAt: true },
  });
  if (!session || session.userId !== change.userId) return { status: "not_found" };
  if (session.revokedAt) return { status: "revoked" };
  if (session.expiresAt <= change.now) return { status: "expired" };
  return { status: "reused" };
}
