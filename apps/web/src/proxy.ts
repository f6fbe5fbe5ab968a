import { mintNonce, pageSecurityHeaders } from "@latch/api/security-headers";
import { type Env, readProcessEnv } from "@latch/composition/env";
import { type NextRequest, NextResponse } from "next/server";

let env: Env | undefined;

/**
 * Pages only: a fresh script nonce per request, set as the CSP on the request
 * (Next reads it there and puts the nonce on its own inline scripts) and on
 * the response, with the other page security headers.
 */
export function proxy(request: NextRequest): NextResponse {
  env ??= readProcessEnv();
  const headers = pageSecurityHeaders(request.nextUrl.pathname, {
    nonce: mintNonce(),
    appUrl: env.APP_URL,
    development: env.NODE_ENV !== "production",
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // The API routes set their own headers, and /api/trpc must stay as fast as it can be;
  // static chunks are not documents. Everything else, unknown paths included, is a page.
  matcher: [
    "/((?!api/trpc(?:/|$)|api/cron/|api/health$|api/ready$|api/openapi\\.json$|\\.well-known/jwks\\.json$|_next/static/|_next/image).*)",
  ],
};
