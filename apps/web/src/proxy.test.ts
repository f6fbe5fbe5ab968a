import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "./proxy";

const matches = (path: string) =>
  unstable_doesMiddlewareMatch({ config, url: `http://localhost:3000${path}` });

describe("the page proxy", () => {
  it("runs for pages and unknown paths, never for the API routes or static chunks", () => {
    for (const path of [
      "/",
      "/login",
      "/activate/abc",
      "/api/trpcx",
      "/api/nope",
      "/favicon.ico",
    ]) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of [
      "/api/trpc",
      "/api/trpc/auth.me",
      "/api/trpc/auth.login,auth.me",
      "/api/cron/purge-unactivated",
      "/.well-known/jwks.json",
      "/api/openapi.json",
      "/_next/static/chunks/main.js",
    ]) {
      expect(matches(path), path).toBe(false);
    }
  });

  it("hands Next the same CSP it answers with, with a fresh nonce each time", async () => {
    const policies = [];
    for (const _ of [1, 2]) {
      const response = await proxy(new NextRequest("http://localhost:3000/login"));
      const answered = response.headers.get("content-security-policy");
      // NextResponse.next carries overridden request headers in x-middleware-request-*.
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(answered);
      policies.push(answered);
    }
    expect(policies[0]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policies[1]).not.toBe(policies[0]);
  });
});
