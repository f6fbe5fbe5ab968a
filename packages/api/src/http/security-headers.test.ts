import { describe, expect, it } from "vitest";
import {
  apiSecurityHeaders,
  mintNonce,
  pageContentSecurityPolicy,
  pageSecurityHeaders,
  secureApiResponse,
} from "./security-headers";

const production = { nonce: "bm9uY2U=", appUrl: "https://auth.example.com", development: false };

describe("page security headers", () => {
  it("allow scripts by nonce only, and no plugin, base tag, foreign form target or framing", () => {
    expect(pageContentSecurityPolicy(production)).toBe(
      [
        "default-src 'self'",
        "script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'",
        "style-src 'self' 'nonce-bm9uY2U='",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "upgrade-insecure-requests",
      ].join("; "),
    );
  });

  it("loosen scripts and styles for next dev only, and upgrade requests only over https", () => {
    const dev = pageContentSecurityPolicy({
      ...production,
      appUrl: "http://localhost:3000",
      development: true,
    });
    expect(dev).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic' 'unsafe-eval';");
    expect(dev).toContain("style-src 'self' 'unsafe-inline';");
    expect(dev).not.toContain("upgrade-insecure-requests");
  });

  it("send no referrer from key pages and only the origin cross-site from the rest", () => {
    const keyPages = [
      "/activate/abc",
      "/reset-password/abc",
      "/confirm-email/abc/",
      "/login/email/abc",
    ];
    for (const path of keyPages) {
      expect(pageSecurityHeaders(path, production)["Referrer-Policy"], path).toBe("no-referrer");
    }
    // /login/email posts its form: under no-referrer its calls would say Origin: null.
    for (const path of [
      "/",
      "/activate",
      "/account",
      "/activate/abc/more",
      "/login",
      "/login/email",
    ]) {
      expect(pageSecurityHeaders(path, production)["Referrer-Policy"], path).toBe(
        "strict-origin-when-cross-origin",
      );
    }
  });

  it("add HSTS only when APP_URL is https", () => {
    expect(pageSecurityHeaders("/", production)["Strict-Transport-Security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
    const plain = pageSecurityHeaders("/", { ...production, appUrl: "http://localhost:3000" });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain["X-Frame-Options"]).toBe("DENY");
  });

  it("mint a different 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, mintNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("API security headers", () => {
  it("forbid everything a document could do, and caching unless told otherwise", () => {
    expect(apiSecurityHeaders({ appUrl: "http://localhost:3000" })).toEqual({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Permissions-Policy": expect.stringContaining("camera=()"),
      "Cross-Origin-Opener-Policy": "same-origin",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
    });
  });

  it("keep status, body and other headers of the answer they wrap, replacing a cache header", async () => {
    const wrapped = secureApiResponse(
      Response.json({ ok: true }, { status: 418, headers: { "cache-control": "max-age=60" } }),
      { appUrl: "https://auth.example.com" },
    );
    expect(wrapped.status).toBe(418);
    expect(await wrapped.json()).toEqual({ ok: true });
    expect(wrapped.headers.get("content-type")).toBe("application/json");
    expect(wrapped.headers.get("cache-control")).toBe("no-store");
    expect(wrapped.headers.get("strict-transport-security")).toMatch(/^max-age=63072000/);
  });
});
