import type { RefreshInput } from "@latch/validators";
import { isBanned } from "../admin/ban";
import { recordSessionsEnded } from "../audit/account-events";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import type { IssuedTokens, RefreshClaims } from "../tokens/token-service";
import { announceRevocations, recordRevocations } from "./revocation";
import { newTokenId, type PublicUser, publicUser, type RequestMeta } from "./sessions";

/** Two tabs refreshing at once is not theft: within this many seconds of a rotation, reuse only fails. */
const REUSE_GRACE_SECONDS = 10;

/**
 * Rotation: the session's current refresh token id is swapped by a
 * compare-and-set in PostgreSQL, one statement that also applies the
 * absolute lifetime and reads the address. The row is the whole truth
 * (rotated, revoked, expired), so a refresh asks nothing else: no key-store
 * round trip, and a key-store outage can neither stop a refresh nor fail one
 * after its rotation committed (which cost the client its new token). A
 * replayed token ends the session: whoever holds the newer token must log in
 * again. However often a session is refreshed, it ends at its absolute lifetime.
 */
export async function refresh(
  deps: AuthDeps,
  input: RefreshInput,
  meta?: RequestMeta,
): Promise<{ tokens: IssuedTokens; user: PublicUser }> {
  const now = deps.clock.now();
  const claims = await deps.tokens.verifyRefresh(input.refresh, now);
  const toTokenId = newTokenId(deps.random);
  // One statement, atomic on its own: no transaction around it.
  const outcome = await deps.db.sessions.rotate({
    sessionId: claims.sessionId,
    userId: claims.userId,
    fromTokenId: claims.tokenId,
    toTokenId,
    now,
    expiresAt: new Date(now.getTime() + deps.policy.refreshTokenTtlSeconds * 1000),
    maxLifetimeSeconds: deps.policy.sessionMaxLifetimeSeconds,
  });
  switch (outcome.status) {
    case "rotated":
      break;
    case "reused":
      return endSessionAfterReuse(deps, claims, now, meta);
    case "revoked":
      // The holder of a refresh token proved who they are: they may learn why it ended.
      throw new AuthError(
        (await isBannedNow(deps, claims.userId, now)) ? "ACCOUNT_BANNED" : "SESSION_REVOKED",
      );
    case "expired":
      throw new AuthError("REFRESH_TOKEN_EXPIRED");
    case "not_found":
      throw new AuthError("REFRESH_TOKEN_INVALID");
  }

  const tokens = await deps.tokens.issue(
    {
      ...outcome.user,
      userId: outcome.user.id,
      sessionId: claims.sessionId,
      refreshTokenId: toTokenId,
      sessionExpiresAt: outcome.expiresAt,
    },
    now,
  );
  return { tokens, user: publicUser(outcome.user) };
}

/**
 * Theft detected: whoever holds the newer token must log in again, the
 * session's access tokens die now, as at logout, not at their expiry, and
 * the account's owner is told (the notice commits with the revocation).
 */
async function endSessionAfterReuse(
  deps: AuthDeps,
  claims: Pick<RefreshClaims, "sessionId" | "userId">,
  now: Date,
  meta: RequestMeta | undefined,
): Promise<never> {
  const revocations = await deps.db.transaction(async (tx) => {
    if (!(await tx.sessions.revokeAfterReuse(claims.sessionId, now, REUSE_GRACE_SECONDS))) {
      return [];
    }
    await tx.outbox.enqueue({ kind: "session_ended_after_reuse", userId: claims.userId }, now);
    const ended = { type: "refresh.reused", reason: "refresh_reused" } as const;
    await recordSessionsEnded(tx, { userId: claims.userId, meta, at: now }, ended, [
      claims.sessionId,
    ]);
    return recordRevocations(deps, tx, [claims.sessionId], now);
  });
  if (revocations.length > 0) {
    deps.wakeOutbox();
    await announceRevocations(deps, revocations);
  }
  throw new AuthError("REFRESH_TOKEN_REUSED");
}

async function isBannedNow(deps: Pick<AuthDeps, "db">, userId: string, now: Date) {
  const user = await deps.db.users.findById(userId);
  return user !== null && isBanned(user, now);
}
