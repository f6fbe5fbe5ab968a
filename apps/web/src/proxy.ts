import { mintNonce, pageSecurityHeaders } from "@latch/api/security-headers";
import { type Env, readProcessEnv } from "@latch/composition/env";
import { type NextRequest, NextResponse } from "next/server";

let env: Env | undefined;

/**
 * Pages only: a fresh script nonce per request, set as the CSP on the request
 * (Next reads it there and puts the nonce on its own inline scripts) and on
 * the response, with the other page security headers. A GET whose access
 * cookie ran out while its refresh cookie lives is renewed first, so server
 * components never see a session "lost" that only needed a refresh.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  env ??= readProcessEnv();
  const headers = pageSecurityHeaders(request.nextUrl.pathname, {
    nonce: mintNonce(),
    appUrl: env.APP_URL,
    development: env.NODE_ENV !== "production",
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
  const cookie = request.headers.get("cookie");
  // Loaded only for a request that carries a refresh cookie: everyone else pays nothing.
  const renewal =
    request.method === "GET" && cookie?.includes("latch_refresh=")
      ? await (await import("./server/renew-session")).renewPageSession(request.headers)
      : null;
  if (renewal) forwarded.set("cookie", renewal.cookieHeader);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  for (const cookie of renewal?.setCookies ?? []) response.headers.append("set-cookie", cookie);
  return response;
}

export const config = {
  // The API routes set their own headers, and /api/trpc must stay as fast as it can be;
  // static chunks are not documents. Everything else, unknown paths included, is a page.
  matcher: [
    "/((?!api/trpc(?:/|$)|api/cron/|api/health$|api/ready$|api/openapi\\.json$|\\.well-known/jwks\\.json$|_next/static/|_next/image).*)",
  ],
};
