import type { KeyStore } from "@latch/keystore";
import type { AccessClaims, RefreshClaims } from "./tokens/token-service";

const blacklistName = (tokenId: string) => `refresh-blacklist:${tokenId}`;
const revokedSessionName = (sessionId: string) => `session-revoked:${sessionId}`;

const secondsUntil = (expiresAt: Date, now: Date) =>
  Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));

/** Why a refresh token is on the blacklist: replaying a rotated one is suspicious, a logged-out one is not. */
export type BlacklistReason = "rotated" | "session_ended";

/** Kept exactly as long as the token could be presented, so no flush job is needed. */
export async function blacklistRefreshToken(
  keys: KeyStore,
  claims: RefreshClaims,
  now: Date,
  reason: BlacklistReason,
) {
  await keys.set(blacklistName(claims.tokenId), reason, secondsUntil(claims.expiresAt, now));
}

export async function refreshTokenBlacklisted(
  keys: KeyStore,
  tokenId: string,
): Promise<BlacklistReason | null> {
  const value = await keys.get(blacklistName(tokenId));
  return value === "rotated" || value === "session_ended" ? value : null;
}

/**
 * Access tokens are checked without the database, so an ended session is
 * announced here for as long as any of its access tokens can live.
 */
export async function markSessionRevoked(
  keys: KeyStore,
  sessionId: string,
  accessTtlSeconds: number,
) {
  await keys.set(revokedSessionName(sessionId), "1", accessTtlSeconds);
}

export async function isSessionRevoked(keys: KeyStore, claims: AccessClaims) {
  return (await keys.get(revokedSessionName(claims.sessionId))) !== null;
}

export async function markSessionsRevoked(
  keys: KeyStore,
  sessionIds: string[],
  accessTtlSeconds: number,
) {
  await Promise.all(sessionIds.map((id) => markSessionRevoked(keys, id, accessTtlSeconds)));
}
