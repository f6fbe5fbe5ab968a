import type { LogoutInput } from "@latch/validators";
import type { AuthDeps } from "./deps";
import { AuthError, isAuthError } from "./errors";
import { announceSessionsRevoked } from "./revocation";
import type { AccessClaims } from "./tokens/token-service";

/**
 * Revokes the session (which refuses its refresh token: refresh asks the row)
 * and kills its access tokens at once.
 */
async function endSession(deps: AuthDeps, sessionId: string) {
  const now = deps.clock.now();
  await deps.db.sessions.revoke(sessionId, now, "logout");
  await announceSessionsRevoked(deps, [sessionId]);
  return { status: "logged_out" as const };
}

/**
 * Ends the session both tokens belong to. The refresh token must be of the
 * caller's own session, so a stolen access token cannot end someone else's.
 */
export async function logout(
  deps: AuthDeps,
  caller: AccessClaims,
  input: LogoutInput,
): Promise<{ status: "logged_out" }> {
  const claims = await deps.tokens
    .verifyRefresh(input.refresh, deps.clock.now())
    .catch((error: unknown) => {
      // An expired refresh token still names the session to end.
      if (isAuthError(error) && error.reason === "REFRESH_TOKEN_EXPIRED") return null;
      throw error;
    });
  if (claims && (claims.sessionId !== caller.sessionId || claims.userId !== caller.userId)) {
    throw new AuthError("REFRESH_TOKEN_INVALID");
  }
  return endSession(deps, caller.sessionId);
}

/**
 * Browser logout: the refresh cookie alone names the session, so a person
 * whose access token already expired can still sign out.
 */
export async function endSessionOfRefreshToken(
  deps: AuthDeps,
  refreshToken: string,
): Promise<{ status: "logged_out" }> {
  const claims = await deps.tokens.verifyRefresh(refreshToken, deps.clock.now());
  return endSession(deps, claims.sessionId);
}
