import { type AuthErrorReason, authErrorReasons, isAuthError } from "@latch/auth";
import { translatorFor } from "@latch/i18n";
import { type IssueLike, issueText } from "@latch/i18n/field-errors";
import { defaultLocale, type Locale } from "@latch/i18n/locales";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";

/** The one place a domain reason becomes a transport status. */
export const reasonToCode: Record<AuthErrorReason, TRPC_ERROR_CODE_KEY> = {
  ACTIVATION_KEY_INVALID: "BAD_REQUEST",
  ACTIVATION_KEY_EXPIRED: "BAD_REQUEST",
  ALREADY_ACTIVE: "CONFLICT",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  ACCOUNT_NOT_ACTIVATED: "FORBIDDEN",
  ACCESS_TOKEN_MISSING: "UNAUTHORIZED",
  ACCESS_TOKEN_INVALID: "UNAUTHORIZED",
  ACCESS_TOKEN_EXPIRED: "UNAUTHORIZED",
  REFRESH_TOKEN_INVALID: "UNAUTHORIZED",
  REFRESH_TOKEN_EXPIRED: "UNAUTHORIZED",
  REFRESH_TOKEN_REUSED: "UNAUTHORIZED",
  SESSION_REVOKED: "UNAUTHORIZED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  ORIGIN_NOT_ALLOWED: "FORBIDDEN",
  RESET_KEY_INVALID: "BAD_REQUEST",
  RESET_KEY_EXPIRED: "BAD_REQUEST",
  EMAIL_CHANGE_KEY_INVALID: "BAD_REQUEST",
  EMAIL_CHANGE_KEY_EXPIRED: "BAD_REQUEST",
  EMAIL_UNAVAILABLE: "CONFLICT",
  EMAIL_UNCHANGED: "BAD_REQUEST",
  SESSION_NOT_FOUND: "NOT_FOUND",
  ACTIVATION_PASSWORD_MISMATCH: "BAD_REQUEST",
  PASSWORD_TOO_COMMON: "BAD_REQUEST",
  PASSWORD_BREACHED: "BAD_REQUEST",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  SECOND_FACTOR_INVALID: "UNAUTHORIZED",
  SECOND_FACTOR_ALREADY_ENABLED: "CONFLICT",
  LOGIN_TICKET_INVALID: "UNAUTHORIZED",
  LOGIN_TICKET_EXPIRED: "UNAUTHORIZED",
  PASSKEY_CHALLENGE_INVALID: "BAD_REQUEST",
  PASSKEY_INVALID: "UNAUTHORIZED",
  PASSKEY_NOT_FOUND: "NOT_FOUND",
  PASSKEY_ALREADY_REGISTERED: "CONFLICT",
  PASSWORD_NOT_SET: "FORBIDDEN",
  PROVIDER_NOT_FOUND: "NOT_FOUND",
  PROVIDER_SIGN_IN_INVALID: "BAD_REQUEST",
  PROVIDER_EMAIL_UNVERIFIED: "FORBIDDEN",
  PROVIDER_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  IDENTITY_IN_USE: "CONFLICT",
  IDENTITY_NOT_FOUND: "NOT_FOUND",
  LAST_SIGN_IN_METHOD: "CONFLICT",
  LOGIN_LINK_INVALID: "BAD_REQUEST",
  LOGIN_LINK_EXPIRED: "BAD_REQUEST",
  LOGIN_CODE_INVALID: "UNAUTHORIZED",
  ACCOUNT_BANNED: "FORBIDDEN",
  ADMIN_ONLY: "FORBIDDEN",
  USER_NOT_FOUND: "NOT_FOUND",
  WEBHOOK_NOT_FOUND: "NOT_FOUND",
  WEBHOOK_URL_REFUSED: "BAD_REQUEST",
};

/**
 * The closed set of reasons the transport gives (around the domain's own), with
 * the HTTP status each comes with. Clients branch on these like on domain reasons.
 */
export const transportReasonStatus = {
  MALFORMED_REQUEST: 400,
  INVALID_INPUT: 400,
  PROCEDURE_NOT_FOUND: 404,
  METHOD_NOT_SUPPORTED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Answered by the batch policy before tRPC runs (http/batch-policy.ts). */
  BATCH_NOT_ALLOWED: 400,
  INTERNAL_ERROR: 500,
} as const satisfies Record<string, number>;

export type TransportReason = keyof typeof transportReasonStatus;

/**
 * tRPC's own errors (raised before or around a procedure) by code. Any other
 * code without a domain cause would be a bug of ours, so it answers INTERNAL_ERROR.
 */
const transportReasons: Partial<Record<TRPC_ERROR_CODE_KEY, TransportReason>> = {
  PARSE_ERROR: "MALFORMED_REQUEST",
  // A broken batch, a stream request that is not a batch, a mixed batch, unreadable input.
  BAD_REQUEST: "MALFORMED_REQUEST",
  NOT_FOUND: "PROCEDURE_NOT_FOUND",
  METHOD_NOT_SUPPORTED: "METHOD_NOT_SUPPORTED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  INTERNAL_SERVER_ERROR: "INTERNAL_ERROR",
};

export function toTRPCError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (isAuthError(cause)) {
    return new TRPCError({ code: reasonToCode[cause.reason], message: cause.message, cause });
  }
  return error;
}

/** By shape, not instanceof: see isAuthError for why a bundle can hold two copies of a class. */
function isZodError(error: unknown): error is ZodError {
  return (
    error instanceof ZodError ||
    (error instanceof Error &&
      error.name === "ZodError" &&
      "issues" in error &&
      Array.isArray(error.issues))
  );
}

/** Every reason an API error can carry: the domain's and the transport's. Clients switch on these. */
export type LatchErrorReason = AuthErrorReason | TransportReason;

export interface ErrorData {
  reason: LatchErrorReason;
  /** Per-field messages (INVALID_INPUT, a refused password), keyed by input field name. */
  fieldErrors?: Record<string, string[]>;
  /** For RATE_LIMITED: seconds until trying again can succeed (also the Retry-After header). */
  retryAfterSeconds?: number;
}

/**
 * The person-facing words of a reason, in the caller's language (the
 * catalogue's "errors" namespace). Only the words change with the language:
 * reasons and field names are the contract clients match on.
 */
export function messageOf(
  reason: LatchErrorReason,
  locale: Locale,
  values: Record<string, number> = {},
): string {
  const t = translatorFor(locale);
  if (reason === "RATE_LIMITED") {
    // "Try again in N minutes", rounded up: a wait of 61 s is 2 minutes, never 1.
    return t("errors.RATE_LIMITED", {
      minutes: Math.max(1, Math.ceil((values.seconds ?? 60) / 60)),
    });
  }
  return t(`errors.${reason}`, values);
}

/** Per-field texts of a failed zod parse, keyed by top-level field (`_` for the whole input). */
function fieldErrorsOf(error: ZodError, locale: Locale): Record<string, string[]> {
  const t = translatorFor(locale);
  const known = (key: string) => t.has(`validation.${key}` as never);
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "_";
    const { key, values } = issueText(issue as IssueLike, known);
    const text = t(`validation.${key}` as never, values as never);
    fieldErrors[field] = [...(fieldErrors[field] ?? []), text];
  }
  return fieldErrors;
}

/**
 * Builds `error.message` and `error.data` for every error the API answers
 * with: a machine-readable reason, field errors for invalid input, and never
 * a stack trace or an internal message. Words follow the request's language.
 */
export function describeError(
  error: TRPCError,
  locale: Locale = defaultLocale,
): { message: string; data: ErrorData } {
  const cause = error.cause;
  if (isAuthError(cause)) {
    const data: ErrorData = { reason: cause.reason };
    const seconds = cause.retryAfterSeconds;
    const message = messageOf(cause.reason, locale, seconds === undefined ? {} : { seconds });
    if (cause.field) data.fieldErrors = { [cause.field]: [message] };
    if (seconds !== undefined) data.retryAfterSeconds = seconds;
    return { message, data };
  }
  if (isZodError(cause)) {
    return {
      message: messageOf("INVALID_INPUT", locale),
      data: { reason: "INVALID_INPUT", fieldErrors: fieldErrorsOf(cause, locale) },
    };
  }
  if (error.code === "BAD_REQUEST" && cause?.name === "SyntaxError") {
    return {
      message: messageOf("MALFORMED_REQUEST", locale),
      data: { reason: "MALFORMED_REQUEST" },
    };
  }
  const reason = transportReasons[error.code] ?? "INTERNAL_ERROR";
  return { message: messageOf(reason, locale), data: { reason } };
}

/**
 * What a failed call says (`data.reason`, and the wait or field messages), for
 * code that calls procedures in-process (server components through
 * `createCaller`): the same as over HTTP. Undefined for what is not an API error.
 */
export function errorData(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCError) return describeError(toTRPCError(error)).data;
  return isAuthError(error)
    ? describeError(new TRPCError({ code: "BAD_REQUEST", cause: error })).data
    : undefined;
}

/**
 * The person-facing message of a domain reason that arrived as a page's
 * `?error=` (a provider sign-in that was refused): null for anything not in
 * the closed list, so a crafted parameter can never put words on the page.
 */
export function messageOfReason(reason: unknown, locale: Locale): string | null {
  const known = (authErrorReasons as readonly unknown[]).includes(reason);
  return known ? messageOf(reason as AuthErrorReason, locale) : null;
}
