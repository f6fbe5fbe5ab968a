/**
 * The closed set of reasons an auth operation can fail for. Clients branch on
 * these strings (`error.data.reason`), so they are part of the API contract.
 */
export const authErrorReasons = [
  "ACTIVATION_KEY_INVALID",
  "ACTIVATION_KEY_EXPIRED",
  "ALREADY_ACTIVE",
  "INVALID_CREDENTIALS",
  "ACCOUNT_NOT_ACTIVATED",
  "ACCESS_TOKEN_MISSING",
  "ACCESS_TOKEN_INVALID",
  "ACCESS_TOKEN_EXPIRED",
  "REFRESH_TOKEN_INVALID",
  "REFRESH_TOKEN_EXPIRED",
  "REFRESH_TOKEN_REUSED",
  "SESSION_REVOKED",
  "RATE_LIMITED",
  "ORIGIN_NOT_ALLOWED",
  "RESET_KEY_INVALID",
  "RESET_KEY_EXPIRED",
  "EMAIL_CHANGE_KEY_INVALID",
  "EMAIL_CHANGE_KEY_EXPIRED",
  "EMAIL_UNAVAILABLE",
  "EMAIL_UNCHANGED",
  "SESSION_NOT_FOUND",
  "ACTIVATION_PASSWORD_MISMATCH",
  "PASSWORD_TOO_COMMON",
  "PASSWORD_BREACHED",
  "SERVICE_UNAVAILABLE",
  "SECOND_FACTOR_INVALID",
  "SECOND_FACTOR_ALREADY_ENABLED",
  "LOGIN_TICKET_INVALID",
  "LOGIN_TICKET_EXPIRED",
  "PASSKEY_CHALLENGE_INVALID",
  "PASSKEY_INVALID",
  "PASSKEY_NOT_FOUND",
  "PASSKEY_ALREADY_REGISTERED",
  "PASSWORD_NOT_SET",
  "PROVIDER_NOT_FOUND",
  "PROVIDER_SIGN_IN_INVALID",
  "PROVIDER_EMAIL_UNVERIFIED",
  "PROVIDER_UNAVAILABLE",
  "IDENTITY_IN_USE",
  "IDENTITY_NOT_FOUND",
  "LAST_SIGN_IN_METHOD",
  "LOGIN_LINK_INVALID",
  "LOGIN_LINK_EXPIRED",
  "LOGIN_CODE_INVALID",
  "ACCOUNT_BANNED",
  "ADMIN_ONLY",
  "USER_NOT_FOUND",
  "WEBHOOK_NOT_FOUND",
  "WEBHOOK_URL_REFUSED",
] as const;

export type AuthErrorReason = (typeof authErrorReasons)[number];

/** What an outage answer tells clients to wait before trying again (Retry-After). */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

export interface AuthErrorOptions {
  cause?: unknown;
  /** The input field the error is about; clients get it as `fieldErrors[field]`. */
  field?: string;
  /** For RATE_LIMITED: when trying again can succeed (the `Retry-After` header). */
  retryAfterSeconds?: number;
}

export class AuthError extends Error {
  override readonly name = "AuthError";
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly reason: AuthErrorReason,
    options: AuthErrorOptions = {},
  ) {
    // The reason is the message: people read words from the catalogue (@latch/i18n), in their language.
    super(reason, { cause: options.cause });
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * A brand check rather than instanceof: a bundler may load this module twice
 * (Next.js puts instrumentation and routes in separate chunks), and an error
 * made by one copy must still be recognized by the other.
 */
export function isAuthError(error: unknown): error is AuthError {
  return (
    error instanceof Error &&
    error.name === "AuthError" &&
    "reason" in error &&
    (authErrorReasons as readonly unknown[]).includes(error.reason)
  );
}

/**
 * Whether a failure is ours (a dependency down or too slow) rather than the
 * request's: then nothing the caller sent was wrong, so one-time keys are put
 * back and a session is never reported ended when it was not.
 */
export function isOutage(error: unknown): boolean {
  if (!isAuthError(error)) return true;
  return error.reason === "SERVICE_UNAVAILABLE" || error.reason === "PROVIDER_UNAVAILABLE";
}
