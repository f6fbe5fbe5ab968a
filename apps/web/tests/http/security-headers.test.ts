import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";
import { typedClient } from "./support/client";
import { type RealServicesApp, startRealServicesApp } from "./support/real-services";

const KEY = "A".repeat(32);
/** Pages whose URL holds a one-time key: they must never send it on in a Referer. */
const KEY_PAGES = [
  `/activate/${KEY}`,
  `/reset-password/${KEY}`,
  `/confirm-email/${KEY}`,
  `/login/email/${KEY}`,
];
const OTHER_PAGES = [
  "/",
  "/signup",
  "/login",
  "/login/email",
  "/activate",
  "/forgot-password",
  "/account",
];
/** Not pages of ours, but HTML all the same: Next's not-found page, framed or not. */
const NOT_FOUND_PAGES = ["/no-such-page", "/api/no-such-route", "/dev/mailbox"];

/** A CSP header as directive name -> source list. */
function directives(header: string | null): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) parsed.set(name.toLowerCase(), sources);
  }
  return parsed;
}

const nonceOf = (csp: Map<string, string[]>) =>
  (csp.get("script-src") ?? []).find((source) => source.startsWith("'nonce-"))?.slice(7, -1);

/** What every response, page or API, must carry. */
function expectBaseHeaders(response: Response, label: string) {
  const h = response.headers;
  expect(h.get("x-frame-options"), label).toBe("DENY");
  expect(h.get("x-content-type-options"), label).toBe("nosniff");
  expect(h.get("cross-origin-opener-policy"), label).toBe("same-origin");
  expect(h.get("permissions-policy"), label).toMatch(/camera=\(\).*microphone=\(\)/);
  expect(directives(h.get("content-security-policy")).get("frame-ancestors"), label).toEqual([
    "'none'",
  ]);
}

function expectApiHeaders(response: Response, label: string, cacheControl = "no-store") {
  expectBaseHeaders(response, label);
  expect(response.headers.get("content-security-policy"), label).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );
  expect(response.headers.get("cache-control"), label).toBe(cacheControl);
  expect(response.headers.get("referrer-policy"), label).toBe("no-referrer");
}

describe("security headers on an http APP_URL", () => {
  let app: RunningApp;
  const get = (path: string, init: RequestInit = {}) => fetch(`${app.url}${path}`, init);

  beforeAll(async () => {
    app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true", CRON_SECRET: "" });
  });
  afterAll(() => app?.stop());

  it("give every page a nonce-based, frame-proof CSP that every script of the page obeys", async () => {
    for (const path of [...OTHER_PAGES, ...KEY_PAGES, ...NOT_FOUND_PAGES]) {
      const response = await get(path);
      expect(response.headers.get("content-type"), path).toMatch(/^text\/html/);
      expectBaseHeaders(response, path);
      expect(response.headers.get("strict-transport-security"), path).toBeNull();

      const csp = directives(response.headers.get("content-security-policy"));
      const nonce = nonceOf(csp);
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22,}={0,2}$/);
      expect(csp.get("script-src"), path).toContain("'strict-dynamic'");
      expect(csp.get("script-src"), path).not.toContain("'unsafe-inline'");
      expect(csp.get("script-src"), path).not.toContain("'unsafe-eval'");
      expect(csp.get("style-src"), path).not.toContain("'unsafe-inline'");
      expect(csp.get("object-src"), path).toEqual(["'none'"]);
      expect(csp.get("base-uri"), path).toEqual(["'none'"]);
      expect(csp.get("form-action"), path).toEqual(["'self'"]);
      expect(csp.has("upgrade-insecure-requests"), path).toBe(false);

      // Next applies the nonce it finds in the request's CSP to each of its scripts.
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  });

  it("mint a fresh nonce for every request, so no page is served from a prerender", async () => {
    for (const path of ["/", "/login", `/activate/${KEY}`]) {
      const first = nonceOf(directives((await get(path)).headers.get("content-security-policy")));
      const second = nonceOf(directives((await get(path)).headers.get("content-security-policy")));
      expect(first, path).toBeTruthy();
      expect(second, path).not.toBe(first);
    }
  });

  it("send no Referer from key pages, and only the origin cross-site from the others", async () => {
    for (const path of KEY_PAGES) {
      expect((await get(path)).headers.get("referrer-policy"), path).toBe("no-referrer");
    }
    for (const path of OTHER_PAGES) {
      expect((await get(path)).headers.get("referrer-policy"), path).toBe(
        "strict-origin-when-cross-origin",
      );
    }
  });

  it("give every API answer a deny-all CSP and no-store, whatever its status", async () => {
    const post = (path: string, body: string) =>
      get(`/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.url },
        body,
      });
    const answers: Array<[string, Response]> = [
      ["query ok", await get("/api/trpc/session.current")],
      ["query 401", await get("/api/trpc/auth.me")],
      ["mutation 400", await post("auth.login", "{}")],
      ["bad JSON", await post("auth.login", "{")],
      ["unknown procedure", await post("auth.nope", "{}")],
      ["wrong content type", await get("/api/trpc/auth.login", { method: "POST", body: "x" })],
      ["too large", await post("auth.signup", JSON.stringify({ pad: "x".repeat(70_000) }))],
      ["PUT", await get("/api/trpc/auth.login", { method: "PUT" })],
      ["cron without a secret", await get("/api/cron/purge-unactivated", { method: "POST" })],
    ];
    for (const [label, response] of answers) {
      expect(response.status, label).not.toBe(500);
      expectApiHeaders(response, label);
      expect(response.headers.get("content-type"), label).toMatch(/^application\/json/);
    }
    expect(answers[0]?.[1].status).toBe(200);
  });

  it("let the public JWKS keep its public cache header", async () => {
    const response = await get("/.well-known/jwks.json");
    expect(response.status).toBe(200);
    expectApiHeaders(response, "jwks", "public, max-age=300");
  });
});

describe("an https APP_URL", () => {
  const APP_URL = "https://latch.test";
  let real: RealServicesApp;
  const email = `https.${Date.now()}@example.com`;
  const password = "correct horse battery staple";

  const call = (path: string, cookie?: string, method = "POST", body: unknown = {}) =>
    fetch(`${real.app.url}/api/trpc/${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        origin: APP_URL,
        ...(cookie ? { cookie } : {}),
      },
      ...(method === "GET" ? {} : { body: JSON.stringify(body) }),
    });
  const pairs = (response: Response) =>
    response.headers
      .getSetCookie()
      .map((header) => header.split(";")[0] ?? "")
      .join("; ");
  const currentEmail = async (cookie: string) => {
    const body = (await (await call("session.current", cookie, "GET")).json()) as {
      result: { data: { user: { email: string } | null } };
    };
    return body.result.data.user?.email ?? null;
  };

  beforeAll(async () => {
    real = await startRealServicesApp({ APP_URL });
    const client = typedClient(real.app.url);
    await client.auth.signup.mutate({ email, password });
    const link = await real.linkFor(email, /https:\/\/latch\.test\/activate\/[A-Za-z0-9_-]{32}/);
    // A raw call, so the password can ride along: activation may ask to confirm it.
    const activated = await fetch(`${real.app.url}/api/trpc/auth.activate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: link.slice(-32), password }),
    });
    expect(activated.status, await activated.clone().text()).toBe(200);
  });
  afterAll(() => real?.stop());

  it("adds HSTS to pages and API answers, and upgrades any insecure subresource", async () => {
    const hsts = "max-age=63072000; includeSubDomains";
    const page = await fetch(`${real.app.url}/login`);
    expect(page.headers.get("strict-transport-security")).toBe(hsts);
    expect(
      directives(page.headers.get("content-security-policy")).has("upgrade-insecure-requests"),
    ).toBe(true);
    const api = await call("session.current", undefined, "GET");
    expect(api.headers.get("strict-transport-security")).toBe(hsts);
    const jwks = await fetch(`${real.app.url}/.well-known/jwks.json`);
    expect(jwks.headers.get("strict-transport-security")).toBe(hsts);
  });

  it("names the session cookies __Host-, reads only those names, and clears them", async () => {
    const login = await call("session.login", undefined, "POST", { email, password });
    expect(login.status).toBe(200);
    const [access, refresh, ...rest] = login.headers.getSetCookie();
    // Besides the session, only the account's language (a preference the page's script also
    // sets, so not __Host-), Secure like the rest.
    expect(rest).toEqual([expect.stringMatching(/^latch_locale=en;.*; Secure(;|$)/)]);
    expect(access).toMatch(/^__Host-latch_access=[^;]+;/);
    expect(access).toMatch(/; Path=\/(;|$)/);
    expect(access).toMatch(/; Secure(;|$)/);
    expect(access).not.toMatch(/Domain=/i);
    expect(refresh).toMatch(/^__Host-latch_refresh=[^;]+;/);
    expect(refresh).toMatch(/; Path=\/(;|$)/);
    expect(refresh).not.toMatch(/Domain=/i);
    expect(refresh).toMatch(/; Secure(;|$)/);

    const jar = pairs(login);
    expect(await currentEmail(jar)).toBe(email);
    // The unprefixed names could be planted by a sibling subdomain: they are not read.
    expect(await currentEmail(jar.replace(/__Host-/g, ""))).toBeNull();

    const refreshed = await call("session.refresh", jar);
    expect(refreshed.status).toBe(200);
    expect(pairs(refreshed)).toMatch(/^__Host-latch_access=[^;]+; __Host-latch_refresh=[^;]+$/);

    const logout = await call("session.logout", pairs(refreshed));
    expect(logout.status).toBe(200);
    const cleared = logout.headers.getSetCookie();
    expect(cleared).toHaveLength(2);
    expect(cleared[0]).toMatch(/^__Host-latch_access=;.*Max-Age=0.*Path=\/;.*Secure/);
    expect(cleared[1]).toMatch(/^__Host-latch_refresh=;.*Max-Age=0.*Path=\/;.*Secure/);
  });
});
