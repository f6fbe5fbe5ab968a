import type { LogoutInput } from "@latch/validators";
import type { AuthDeps } from "./deps";
import { AuthError } from "./errors";
import { blacklistRefreshToken, markSessionRevoked } from "./revocation";
import type { AccessClaims } from "./tokens/token-service";

/**
 * Ends the session both tokens belong to. The refresh token must be of the
 * caller's own session, so a stolen access token cannot end someone else's.
 */
export async function logout(
  deps: AuthDeps,
  caller: AccessClaims,
  input: LogoutInput,
): Promise<{ status: "logged_out" }> {
  const now = deps.clock.now();
  const claims = await deps.tokens.verifyRefresh(input.refresh, now).catch((error: unknown) => {
    // An expired refresh token still names the session to end.
    if (error instanceof AuthError && error.reason === "REFRESH_TOKEN_EXPIRED") return null;
    throw error;
  });
  if (claims && (claims.sessionId !== caller.sessionId || claims.userId !== caller.userId)) {
    throw new AuthError("REFRESH_TOKEN_INVALID");
  }

  await deps.db.sessions.revoke(caller.sessionId, now, "logout");
  if (claims) await blacklistRefreshToken(deps.keys, claims, now, "session_ended");
  await markSessionRevoked(deps.keys, caller.sessionId, deps.policy.accessTokenTtlSeconds);
  return { status: "logged_out" };
}

/**
 * Browser logout: the refresh cookie alone names the session, so a person
 * whose access token already expired can still sign out.
 */
export async function endSessionOfRefreshToken(
  deps: AuthDeps,
  refreshToken: string,
): Promise<{ status: "logged_out" }> {
  const now = deps.clock.now();
  const claims = await deps.tokens.verifyRefresh(refreshToken, now);
  await deps.db.sessions.revoke(claims.sessionId, now, "logout");
  await blacklistRefreshToken(deps.keys, claims, now, "session_ended");
  await markSessionRevoked(deps.keys, claims.sessionId, deps.policy.accessTokenTtlSeconds);
  return { status: "logged_out" };
}
