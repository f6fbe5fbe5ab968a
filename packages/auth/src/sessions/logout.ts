import type { LogoutInput } from "@latch/validators";
import { recordSessionsEnded } from "../audit/account-events";
import { recordedTransaction } from "../audit/recorded-transaction";
import type { AuthDeps } from "../deps";
import { AuthError, isAuthError } from "../errors";
import type { AccessClaims } from "../tokens/token-service";
import { announceRevocations, recordRevocations } from "./revocation";
import type { RequestMeta } from "./sessions";

/**
 * Revokes the session with its announcement in one transaction: once that
 * commits, the logout is done, whatever the key store says next. The session
 * row refuses its refresh token from then on (refresh asks the row); the
 * announcement, which kills its access tokens on every server, is delivered at
 * once, and if the key store fails it waits in the log for the worker.
 */
async function endSession(
  deps: AuthDeps,
  session: { sessionId: string; userId: string },
  meta: RequestMeta | undefined,
) {
  const now = deps.clock.now();
  const { sessionId, userId } = session;
  const revocations = await recordedTransaction(deps, async (tx) => {
    if (!(await tx.sessions.revoke(sessionId, now, "logout"))) return [];
    const ended = { type: "logout", reason: "logout" } as const;
    await recordSessionsEnded(tx, { userId, meta, at: now }, ended, [sessionId]);
    return recordRevocations(deps, tx, [sessionId], now);
  });
  await announceRevocations(deps, revocations);
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
  meta?: RequestMeta,
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
  return endSession(deps, caller, meta);
}

/**
 * Browser logout: the refresh cookie alone names the session, so a person
 * whose access token already expired can still sign out.
 */
export async function endSessionOfRefreshToken(
  deps: AuthDeps,
  refreshToken: string,
  meta?: RequestMeta,
): Promise<{ status: "logged_out" }> {
  const claims = await deps.tokens.verifyRefresh(refreshToken, deps.clock.now());
  return endSession(deps, claims, meta);
}
