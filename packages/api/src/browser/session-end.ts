import { type AuthErrorReason, isAuthError } from "@latch/auth";

/**
 * The server's one table of refusals after which a browser's session is over
 * and its cookies are cleared (by `session.refresh` and by page renewal). A
 * reused refresh token is not among them: within the reuse grace it is
 * usually a refresh cut off by a reload whose rotated cookie is still on its
 * way, and clearing now would wipe that cookie; after the grace the session
 * is revoked and the next refresh ends it as SESSION_REVOKED.
 */
const SESSION_ENDING_REASONS: ReadonlySet<AuthErrorReason> = new Set<AuthErrorReason>([
  "REFRESH_TOKEN_INVALID",
  "REFRESH_TOKEN_EXPIRED",
  "SESSION_REVOKED",
]);

/** Whether a refused refresh means the browser's session has ended. */
export function endsBrowserSession(error: unknown): boolean {
  return isAuthError(error) && SESSION_ENDING_REASONS.has(error.reason);
}
