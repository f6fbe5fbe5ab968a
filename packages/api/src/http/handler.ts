import { type AuthDeps, isAuthError } from "@latch/auth";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContextFromRequest } from "../context";
import { appRouter } from "../root";
import { refuseBatch } from "./batch-policy";
import { answerPreflight, withCorsHeaders } from "./cors";
import { errorResponse } from "./envelope";
import { readLimitedBody } from "./read-limited-body";
import { refuseUnsupported } from "./request-checks";
import { apiSecurityHeaders } from "./security-headers";

export interface TrpcHandlerOptions {
  /** Where the router is mounted, e.g. "/api/trpc". */
  endpoint: string;
  deps: AuthDeps;
  maxBodyBytes: number;
  trustProxy: boolean;
  /** Front-end origins allowed to call with a bearer token (CORS_ORIGINS); never with cookies. */
  corsOrigins?: readonly string[];
  /** Told about failures that are our fault (5xx), never about the caller's. */
  onInternalError?: (path: string | undefined, error: unknown, requestId: string) => void;
  /** Told about every answered request: what, how it ended and how long it took; never its body. */
  onRequest?: (entry: RequestLogEntry) => void;
}

interface RequestLogEntry {
  requestId: string;
  method: string;
  /** The procedure(s) called, e.g. "auth.login"; never the query string (it can carry input). */
  procedure: string;
  status: number;
  /** The machine-readable reason of a refusal, when there was one. */
  reason?: string;
  durationMs: number;
}

/** A caller's own id is kept (to follow one request across services) when it looks like one. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && CALLER_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

function payloadTooLarge(request: Request): Response {
  return errorResponse("PAYLOAD_TOO_LARGE", { code: "PAYLOAD_TOO_LARGE", request });
}

async function answerBeforeHeaders(
  request: Request,
  options: TrpcHandlerOptions,
  requestId: string,
): Promise<Response> {
  const batchRefusal = refuseBatch(request, options.endpoint);
  if (batchRefusal) return batchRefusal;
  // A GET has no body to bound: the request goes to tRPC as it came.
  let buffered = request;
  if (request.method === "POST") {
    const body = await readLimitedBody(request, options.maxBodyBytes);
    if (body === "too_large") return payloadTooLarge(request);
    buffered = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: body && body.byteLength > 0 ? body : null,
    });
  }

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
        options.onInternalError?.(path, error.cause ?? error, requestId);
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
  const started = performance.now();
  const requestId = requestIdOf(request);
  const cors = options.corsOrigins ?? [];
  const answer =
    answerPreflight(request, cors) ??
    refuseUnsupported(request) ??
    (await answerBeforeHeaders(request, options, requestId));
  // One final answer, built once: the (small) JSON body read whole, and every header set on
  // one Headers, rather than a chain of wrappers each copying the headers and re-piping the body.
  const body = await answer.text();
  const headers = new Headers(answer.headers);
  // tRPC answers errors it catches before any call (a bad batch, bad params) as text/plain JSON.
  if (headers.get("content-type")?.startsWith("text/plain")) {
    headers.set("content-type", "application/json");
  }
  for (const [name, value] of apiHeadersFor(options.deps.policy.appUrl)) headers.set(name, value);
  headers.set("x-request-id", requestId);
  withCorsHeaders(headers, request.headers.get("origin"), cors);
  const response = new Response(answer.status === 204 ? null : body, {
    status: answer.status,
    headers,
  });
  if (options.onRequest) {
    const reason = answer.status >= 400 ? reasonIn(body) : undefined;
    options.onRequest({
      requestId,
      method: request.method,
      procedure: procedureOf(request.url, options.endpoint),
      status: response.status,
      ...(reason ? { reason } : {}),
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  }
  return response;
}

function procedureOf(url: string, endpoint: string): string {
  const path = new URL(url).pathname;
  return path.startsWith(`${endpoint}/`) ? path.slice(endpoint.length + 1).slice(0, 200) : path;
}

let cachedHeaders: { appUrl: string; entries: [string, string][] } | undefined;
/** The API's security headers, worked out once per APP_URL rather than per request. */
function apiHeadersFor(appUrl: string): [string, string][] {
  if (cachedHeaders?.appUrl !== appUrl) {
    cachedHeaders = { appUrl, entries: Object.entries(apiSecurityHeaders({ appUrl })) };
  }
  return cachedHeaders.entries;
}

/** The reason an error answer's body names, if any. */
function reasonIn(text: string): string | undefined {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const errors = Array.isArray(body) ? body : [body];
  for (const item of errors) {
    const reason = (item as { error?: { data?: { reason?: unknown } } } | null)?.error?.data
      ?.reason;
    if (typeof reason === "string") return reason;
  }
  return undefined;
}
