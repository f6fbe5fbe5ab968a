import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";
import { typedClient } from "./support/client";

type Jar = Map<string, string>;

/** Applies Set-Cookie headers to a jar, as a browser would (Max-Age=0 deletes). */
function store(jar: Jar, response: Response) {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const [name = "", value = ""] = pair.split("=");
    if (/max-age=0/i.test(header)) jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

describe("browser sessions over HTTP", () => {
  let app: RunningApp;
  const email = `browser.${Date.now()}@example.com`;
  const password = "correct horse battery staple";

  const call = (
    path: string,
    init: { jar?: Jar; origin?: string | null; body?: unknown; method?: string },
  ) =>
    fetch(`${app.url}/api/trpc/${path}`, {
      method: init.method ?? "POST",
      headers: {
        "content-type": "application/json",
        ...(init.origin === null ? {} : { origin: init.origin ?? app.url }),
        ...(init.jar ? { cookie: cookieHeader(init.jar) } : {}),
      },
      ...(init.method === "GET" ? {} : { body: JSON.stringify(init.body ?? {}) }),
    });

  beforeAll(async () => {
    app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true" });
    const client = typedClient(app.url);
    await client.auth.signup.mutate({ email, password });
    const escaped = email.replace(/[.+]/g, "\\$&");
    const link = await app.waitForOutput(
      new RegExp(`to=${escaped}[\\s\\S]*?/activate/([A-Za-z0-9_-]{32})`),
    );
    await client.auth.activate.mutate({ key: link[1] ?? "", password });
  });
  afterAll(() => app?.stop());

  it("signs in with HttpOnly cookies scoped as promised, and no token in the body", async () => {
    const response = await call("session.login", { body: { email, password } });
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    const access = cookies.find((c) => c.startsWith("latch_access="));
    const refresh = cookies.find((c) => c.startsWith("latch_refresh="));
    expect(access).toMatch(/HttpOnly/i);
    expect(access).toMatch(/SameSite=Lax/i);
    expect(access).toMatch(/Path=\/(;|$)/);
    expect(refresh).toMatch(/HttpOnly/i);
    expect(refresh).toMatch(/SameSite=Strict/i);
    expect(refresh).toMatch(/Path=\/(;|$)/);
    const body = await response.text();
    expect(body).toContain(email);
    expect(body).not.toMatch(/eyJ/); // no JWT in what page scripts can read
  });

  it("refuses cookie logins and cookie-authenticated changes from another origin or none", async () => {
    const foreign = await call("session.login", {
      body: { email, password },
      origin: "https://evil.example",
    });
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(await foreign.json())).toContain("ORIGIN_NOT_ALLOWED");
    expect((await call("session.login", { body: { email, password }, origin: null })).status).toBe(
      403,
    );

    const jar: Jar = new Map();
    store(jar, await call("session.login", { body: { email, password } }));
    const csrf = await call("auth.logoutAll", { jar, origin: "https://evil.example", body: {} });
    expect(csrf.status).toBe(403);
    const me = await call("auth.me", { jar, method: "GET", origin: null });
    expect(me.status).toBe(200);
  });

  it("rotates the refresh cookie, survives a replay within the grace, and logs out for good", async () => {
    const jar: Jar = new Map();
    store(jar, await call("session.login", { body: { email, password } }));
    const stale = new Map(jar);
    const refreshed = await call("session.refresh", { jar });
    expect(refreshed.status).toBe(200);
    store(jar, refreshed);
    expect(jar.get("latch_refresh")).not.toBe(stale.get("latch_refresh"));

    // A replay right after a rotation (a refresh cut off by a reload) fails without wiping
    // cookies, since the rotated ones may still be on their way; the session lives on.
    const reuse = await call("session.refresh", { jar: stale });
    expect(reuse.status).toBe(401);
    expect(JSON.stringify(await reuse.json())).toContain("REFRESH_TOKEN_REUSED");
    expect(reuse.headers.getSetCookie()).toEqual([]);
    const again = await call("session.refresh", { jar });
    expect(again.status).toBe(200);
    store(jar, again);

    const loggedOut = await call("session.logout", { jar });
    expect(loggedOut.status).toBe(200);
    const afterLogout = await call("session.refresh", { jar });
    expect(afterLogout.status).toBe(401);
    store(jar, loggedOut);
    // The session's cookies are gone; the language the login brought is a preference, and stays.
    expect([...jar.keys()]).toEqual(["latch_locale"]);
  });

  const page = (path: string, jar: Jar) =>
    fetch(`${app.url}${path}`, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });

  /** Signed in, with the access cookie gone, as a browser holds it once it expired. */
  async function expiredAccessJar(): Promise<Jar> {
    const jar: Jar = new Map();
    store(jar, await call("session.login", { body: { email, password } }));
    jar.delete("latch_access");
    return jar;
  }

  it("renews an expired access cookie on the server, so the page renders signed in", async () => {
    const jar = await expiredAccessJar();
    const before = jar.get("latch_refresh");
    const response = await page("/account", jar);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(email);
    store(jar, response);
    expect(jar.get("latch_access")).toMatch(/^eyJ/);
    expect(jar.get("latch_refresh")).not.toBe(before);
    // The renewed cookies are a live session for the API too.
    const current = await call("session.current", { jar, method: "GET" });
    expect(JSON.stringify(await current.json())).toContain(email);
  });

  it("renews once for parallel page loads that carry the same cookies", async () => {
    const jar = await expiredAccessJar();
    const responses = await Promise.all(Array.from({ length: 10 }, () => page("/account", jar)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    // The same token in every answer (its Max-Age may differ by a second: it counts from each answer).
    const refreshTokens = new Set(
      responses.map((response) => {
        const jarOf: Jar = new Map();
        store(jarOf, response);
        return jarOf.get("latch_refresh");
      }),
    );
    expect([...refreshTokens]).toEqual([expect.stringMatching(/^eyJ/)]);
    store(jar, responses[0] as Response);
    expect((await call("session.refresh", { jar })).status).toBe(200);
  });

  it("sends a visitor whose session ended to log in and come back, clearing the cookies", async () => {
    const jar = await expiredAccessJar();
    const stale = new Map(jar);
    await call("session.logout", { jar });
    const response = await page("/account", stale);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/login?returnTo=%2Faccount");
    store(stale, response);
    expect([...stale.keys()]).toEqual(["latch_locale"]);
  });

  it("sends a visitor without cookies to log in, without touching the session", async () => {
    const response = await page("/account", new Map());
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/login?returnTo=%2Faccount");
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
