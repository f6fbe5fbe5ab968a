import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import type { AccessClaims } from "../tokens/token-service";
import { sessionRevocationStatus } from "./revocation";
import type { PublicUser } from "./sessions";

/**
 * Checks a bearer access token: signature and claims locally, then the
 * revocation feed in process, with no I/O at all while the feed is live.
 * While it is not (starting, reconnecting), one key-store read for an ended
 * session, and no database query, while the key store can vouch for its
 * marks. When it cannot (it lost state within the last access-token
 * lifetime), PostgreSQL, the truth, answers instead: a revoked session never
 * comes back because Redis forgot it.
 */
export async function authenticate(
  deps: Pick<AuthDeps, "tokens" | "keys" | "feed" | "clock" | "db" | "policy">,
  accessToken: string | null,
): Promise<AccessClaims> {
  if (!accessToken) throw new AuthError("ACCESS_TOKEN_MISSING");
  const now = deps.clock.now();
  const claims = await deps.tokens.verifyAccess(accessToken, now);
  const known = deps.feed.lookup(claims.sessionId, now);
  if (known === "revoked") throw new AuthError("SESSION_REVOKED");
  if (known === "not_revoked") return claims;
  const status = await sessionRevocationStatus(
    deps.keys,
    claims,
    now,
    deps.policy.accessTokenTtlSeconds,
  );
  if (status === "revoked") throw new AuthError("SESSION_REVOKED");
  if (
    status === "unvouched" &&
    !(await deps.db.sessions.isLive(claims.sessionId, claims.userId, now))
  )
    throw new AuthError("SESSION_REVOKED");
  return claims;
}

export const userFromClaims = (claims: AccessClaims): PublicUser => ({
  id: claims.userId,
  email: claims.email,
});
