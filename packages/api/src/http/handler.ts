import { type AuthDeps, isAuthError } from "@latch/auth";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { createContextFromRequest } from "../context";
import { appRouter } from "../root";
import { refuseBatch } from "./batch-policy";
import { readLimitedBody } from "./read-limited-body";
import { refuseUnsupported, withJsonContentType } from "./request-checks";
import { secureApiResponse } from "./security-headers";

export interface TrpcHandlerOptions {
  /** Where the router is mounted, e.g. "/api/trpc". */
  endpoint: string;
  deps: AuthDeps;
  maxBodyBytes: number;
  trustProxy: boolean;
  /** Told about failures that are our fault (5xx), never about the caller's. */
  onInternalError?: (path: string | undefined, error: unknown) => void;
}

function payloadTooLarge(maxBytes: number): Response {
  const body = {
    error: {
      message: `The request body is larger than ${maxBytes} bytes.`,
      code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE,
      data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, reason: "PAYLOAD_TOO_LARGE" },
    },
  };
  return Response.json(body, { status: 413 });
}

async function answerBeforeHeaders(
  request: Request,
  options: TrpcHandlerOptions,
): Promise<Response> {
  const batchRefusal = refuseBatch(request, options.endpoint);
  if (batchRefusal) return batchRefusal;
  const body = await readLimitedBody(request, options.maxBodyBytes);
  if (body === "too_large") return payloadTooLarge(options.maxBodyBytes);
  const buffered = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body && body.byteLength > 0 ? body : null,
  });

  return fetchRequestHandler({
    endpoint: options.endpoint,
    req: buffered,
    router: appRouter,
    allowMethodOverride: false,
    createContext: ({ resHeaders }) =>
      createContextFromRequest(request, resHeaders, options.deps, options),
    responseMeta({ errors }) {
      // RFC 9110 Retry-After on 429s: the longest wait any refused call named.
      const waits = errors.map((error) =>
        isAuthError(error.cause) ? (error.cause.retryAfterSeconds ?? 0) : 0,
      );
      const retryAfter = Math.max(0, ...waits);
      return retryAfter > 0 ? { headers: { "retry-after": String(retryAfter) } } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        options.onInternalError?.(path, error.cause ?? error);
    },
  });
}

/**
 * The API's entry point: refuses what it never accepts before reading a byte, and
 * whatever the answer, it leaves with the security headers and no-store.
 */
export async function handleTrpcRequest(
  request: Request,
  options: TrpcHandlerOptions,
): Promise<Response> {
  const answer =
    refuseUnsupported(request) ?? withJsonContentType(await answerBeforeHeaders(request, options));
  return secureApiResponse(answer, { appUrl: options.deps.policy.appUrl });
}
