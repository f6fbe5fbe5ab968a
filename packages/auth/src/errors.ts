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

const messages: Record<AuthErrorReason, string> = {
  ACTIVATION_KEY_INVALID: "This activation link is not valid. It may have been used or replaced.",
  ACTIVATION_KEY_EXPIRED: "This activation link has expired. You can ask for a new one.",
  ALREADY_ACTIVE: "This account is already active. Log in instead.",
  INVALID_CREDENTIALS: "The email or password is incorrect.",
  ACCOUNT_NOT_ACTIVATED:
    "This account is not activated yet. Check your inbox for the activation link.",
  ACCESS_TOKEN_MISSING: "Log in to continue.",
  ACCESS_TOKEN_INVALID: "The access token is not valid.",
  ACCESS_TOKEN_EXPIRED: "The access token has expired.",
  REFRESH_TOKEN_INVALID: "The refresh token is not valid.",
  REFRESH_TOKEN_EXPIRED: "The refresh token has expired. Log in again.",
  REFRESH_TOKEN_REUSED: "This refresh token was already used. Log in again.",
  SESSION_REVOKED: "This session has ended. Log in again.",
  RATE_LIMITED: "Too many attempts. Wait a little and try again.",
  ORIGIN_NOT_ALLOWED: "This request came from another site and was refused.",
  RESET_KEY_INVALID: "This password reset link is not valid. It may have been used or replaced.",
  RESET_KEY_EXPIRED: "This password reset link has expired. Ask for a new one.",
  EMAIL_CHANGE_KEY_INVALID:
    "This confirmation link is not valid. It may have been used or replaced.",
  EMAIL_CHANGE_KEY_EXPIRED: "This confirmation link has expired. Ask for the change again.",
  EMAIL_UNAVAILABLE: "That address cannot be used for this account.",
  EMAIL_UNCHANGED: "That is already the address of this account.",
  SESSION_NOT_FOUND: "There is no such session on this account.",
  ACTIVATION_PASSWORD_MISMATCH:
    "That is not the password this link was sent for. Type the password you chose when you signed up, or choose a new one.",
  PASSWORD_TOO_COMMON: "This password is too common. Choose one that is harder to guess.",
  PASSWORD_BREACHED:
    "This password has appeared in a data breach. Choose one you have not used elsewhere.",
  SERVICE_UNAVAILABLE: "A service Latch depends on is not answering. Try again in a minute.",
  SECOND_FACTOR_INVALID: "That code is not valid. Check your authenticator app and try again.",
  SECOND_FACTOR_ALREADY_ENABLED:
    "Two-step login is already on. Turn it off first to set up another authenticator.",
  LOGIN_TICKET_INVALID: "This login attempt is not valid any more. Log in again.",
  LOGIN_TICKET_EXPIRED: "This login attempt took too long. Log in again.",
  PASSKEY_CHALLENGE_INVALID: "This passkey request has expired or was already used. Try again.",
  PASSKEY_INVALID: "That passkey could not be verified. Try again, or use another way to log in.",
  PASSKEY_NOT_FOUND: "There is no such passkey on this account.",
  PASSKEY_ALREADY_REGISTERED: "This passkey is already registered.",
  PASSWORD_NOT_SET:
    'This account has no password yet. Set one with "Forgot password", then try again.',
  PROVIDER_NOT_FOUND: "There is no such login provider.",
  PROVIDER_SIGN_IN_INVALID:
    "This login could not be completed. It may have expired or been used already. Start again.",
  PROVIDER_EMAIL_UNVERIFIED:
    "The provider did not confirm that this email address is yours, so it cannot be used to log in.",
  PROVIDER_UNAVAILABLE: "The login provider is not answering. Try again in a minute.",
  IDENTITY_IN_USE: "This provider account is already connected to another account.",
  IDENTITY_NOT_FOUND: "There is no such connected account.",
  LAST_SIGN_IN_METHOD:
    "This is the only way to log in to this account. Set a password or add a passkey first.",
  LOGIN_LINK_INVALID:
    "This login link is not valid. It may have been used or replaced by a newer one. Ask for a new one.",
  LOGIN_LINK_EXPIRED: "This login link has expired. Ask for a new one.",
  ACCOUNT_BANNED: "This account has been suspended. Contact the service's support.",
  ADMIN_ONLY: "Only an administrator can do this.",
  USER_NOT_FOUND: "There is no such account.",
  WEBHOOK_NOT_FOUND: "There is no such webhook endpoint.",
  WEBHOOK_URL_REFUSED:
    "That URL cannot receive webhooks: it must be https (or http) and reach a public address.",
  LOGIN_CODE_INVALID:
    "That code is not valid. Check the newest login email for this address, or ask for a new one.",
};

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
    super(messages[reason], { cause: options.cause });
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
