/**
 * CORS for front ends on other origins (CORS_ORIGINS), for bearer-token
 * calls only: no answer ever allows credentials, so a browser never sends
 * Latch's cookies cross-origin, and the cookie procedures stay same-origin
 * (their changes also check Origin against APP_URL).
 */
const METHODS = "GET, POST";
const REQUEST_HEADERS = "authorization, content-type, x-request-id";
const EXPOSED_HEADERS = "retry-after, x-request-id";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

const allowedOrigin = (origin: string | null, allowlist: readonly string[]) =>
  origin !== null && allowlist.includes(origin) ? origin : null;

/** A preflight from an allowlisted origin for GET or POST: 204 with the grant. Otherwise null. */
export function answerPreflight(request: Request, allowlist: readonly string[]): Response | null {
  if (request.method !== "OPTIONS") return null;
  const origin = allowedOrigin(request.headers.get("origin"), allowlist);
  const method = request.headers.get("access-control-request-method");
  if (!origin || (method !== "GET" && method !== "POST")) return null;
  return new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": METHODS,
      "access-control-allow-headers": REQUEST_HEADERS,
      "access-control-max-age": PREFLIGHT_MAX_AGE_SECONDS,
      vary: "Origin",
    },
  });
}

/** Lets an allowlisted origin read this answer; every answer varies by Origin. */
export function withCorsHeaders(
  headers: Headers,
  origin: string | null,
  allowlist: readonly string[],
): void {
  if (allowlist.length === 0) return;
  headers.append("vary", "Origin");
  const allowed = allowedOrigin(origin, allowlist);
  if (!allowed) return;
  headers.set("access-control-allow-origin", allowed);
  headers.set("access-control-expose-headers", EXPOSED_HEADERS);
}
