import { localeOfRequest } from "@latch/i18n";
import { defaultLocale, type Locale } from "@latch/i18n/locales";
import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { messageOf, type TransportReason, transportReasonStatus } from "../errors";

/**
 * The one builder of an error answered outside tRPC's own formatter (before a
 * procedure runs, or when the server itself fails), in the shape of every
 * other tRPC error, so clients parse one format.
 */
export function errorResponse(
  reason: TransportReason,
  options: {
    code: TRPC_ERROR_CODE_KEY;
    /** The request refused: its language words the message. */
    request?: Request;
    values?: Record<string, number>;
    headers?: Record<string, string>;
  },
): Response {
  const httpStatus = transportReasonStatus[reason];
  const locale: Locale = options.request ? localeOfRequest(options.request.headers) : defaultLocale;
  const error = {
    message: messageOf(reason, locale, options.values),
    code: TRPC_ERROR_CODES_BY_KEY[options.code],
    data: { code: options.code, httpStatus, reason },
  };
  return Response.json({ error }, { status: httpStatus, headers: options.headers ?? {} });
}

/** For a failure that escaped the handler: says nothing of what went wrong. */
export function internalErrorResponse(): Response {
  return errorResponse("INTERNAL_ERROR", {
    code: "INTERNAL_SERVER_ERROR",
    headers: { "cache-control": "no-store" },
  });
}
