import type { AuthDeps } from "./deps";
import type { KeyStore } from "./ports/key-store";
import type { AccessClaims } from "./tokens/token-service";

const revokedSessionName = (sessionId: string) => `session-revoked:${sessionId}`;

/**
 * Access tokens are checked without the database, so an ended session is
 * announced for as long as any of its access tokens can live: to every
 * server's revocation feed, and as a mark in the key store for the
 * per-request check a server falls back on while its feed is not live.
 */
export async function announceSessionsRevoked(
  deps: Pick<AuthDeps, "keys" | "feed" | "clock" | "policy">,
  sessionIds: string[],
) {
  if (sessionIds.length === 0) return;
  const ttl = deps.policy.accessTokenTtlSeconds;
  const until = new Date(deps.clock.now().getTime() + ttl * 1000);
  await Promise.all([
    ...sessionIds.map((id) => deps.keys.set(revokedSessionName(id), "1", ttl)),
    deps.feed.announce(sessionIds, until),
  ]);
}

/**
 * A key the store keeps next to the revocation marks, holding when it was
 * written. Its absence says the store lost state (a flush, a restart without
 * persistence, a new database): marks may be gone with it, so the store
 * cannot vouch for any session until every access token issued before the
 * loss has expired, one access-token lifetime after the marker is back.
 */
export const REVOCATIONS_INTACT_MARKER = "revocations-intact-since";
/** Outlives any access token many times over; if it ever expires, the fallback just runs once more. */
const MARKER_TTL_SECONDS = 30 * 24 * 3600;

/** "unvouched": the key store cannot say (see the marker above); ask the database. */
export type RevocationStatus = "revoked" | "live" | "unvouched";

export async function sessionRevocationStatus(
  keys: KeyStore,
  claims: AccessClaims,
  now: Date,
  accessTtlSeconds: number,
): Promise<RevocationStatus> {
  const [mark, marker] = await keys.getMany([
    revokedSessionName(claims.sessionId),
    REVOCATIONS_INTACT_MARKER,
  ]);
  if (mark !== null) return "revoked";
  const since = Number(marker);
  if (marker !== null && Number.isSafeInteger(since)) {
    return now.getTime() - since >= accessTtlSeconds * 1000 ? "live" : "unvouched";
  }
  await keys.set(REVOCATIONS_INTACT_MARKER, String(now.getTime()), MARKER_TTL_SECONDS);
  return "unvouched";
}
