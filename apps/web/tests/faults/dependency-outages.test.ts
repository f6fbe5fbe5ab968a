import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallResult, call } from "../http/support/client";
import { nthActivationKey, type RealServicesApp } from "../http/support/real-services";
import { type AppBehindLines, startAppBehindLines } from "./support/app-behind-lines";
import type { CuttableLine, HttpLine } from "./support/cuttable-proxies";

const password = "correct horse battery staple";
/** Deadlines of this suite's app; every outage must be answered within them (plus slack). */
const DATABASE_TIMEOUT_MS = 1500;
const KEY_STORE_TIMEOUT_MS = 1000;
const SLACK_MS = 1500;
const CRON_SECRET = "an-operator-secret-for-the-outage-suite-0123";

async function timed(work: Promise<CallResult>) {
  const started = performance.now();
  const result = await work;
  return { ...result, ms: performance.now() - started };
}

function expectOutage(result: CallResult & { ms: number }, withinMs: number) {
  const path = String(result.error?.data?.path ?? "?");
  console.log(`[fault] ${path}: ${result.status} ${result.reason} in ${result.ms.toFixed(0)} ms`);
  expect(result.status, JSON.stringify(result.error)).toBe(503);
  expect(result.reason).toBe("SERVICE_UNAVAILABLE");
  expect(Number(result.headers.get("retry-after")), JSON.stringify(result.error)).toBeGreaterThan(
    0,
  );
  expect(result.ms).toBeLessThan(withinMs);
}

/**
 * PostgreSQL and the key store cut, hung or failing behind proxies only this
 * suite uses (the shared servers stay up): every answer is a 503 with a
 * reason within the deadline, nothing fails open, and recovery needs no restart.
 */
describe("dependency outages, against the production build on real services", () => {
  let app: AppBehindLines;
  let real: RealServicesApp;
  let database: CuttableLine;
  let keyStore: HttpLine;
  const email = `outage.${Date.now()}@example.com`;
  let access = "";
  let refresh = "";

  beforeAll(async () => {
    app = await startAppBehindLines({
      DATABASE_TIMEOUT_MS: String(DATABASE_TIMEOUT_MS),
      KEY_STORE_TIMEOUT_MS: String(KEY_STORE_TIMEOUT_MS),
      RATE_LIMIT_TIMEOUT_MS: String(KEY_STORE_TIMEOUT_MS),
      RATE_LIMIT_SCALE: "100",
      CRON_SECRET,
    });
    ({ real, database, keyStore } = app);
    await call(real.app.url, "auth.signup", { input: { email, password } });
    const key = await nthActivationKey(real, email, 1);
    const activated = await call(real.app.url, "auth.activate", { input: { key, password } });
    const tokens = (activated.data as { tokens: { access: string; refresh: string } }).tokens;
    ({ access, refresh } = tokens);
  });
  afterAll(() => app?.stop());

  const url = () => real.app.url;
  const me = () => timed(call(url(), "auth.me", { method: "GET", accessToken: access }));
  const login = () => timed(call(url(), "auth.login", { input: { email, password } }));
  const rotate = () => timed(call(url(), "auth.refresh", { input: { refresh } }));
  const keep = (result: CallResult) => {
    const tokens = (result.data as { tokens?: { refresh: string } } | null)?.tokens;
    if (tokens) refresh = tokens.refresh;
  };

  const probe = async (path: string, asOperator = true) => {
    const headers = asOperator ? { authorization: `Bearer ${CRON_SECRET}` } : undefined;
    const response = await fetch(`${url()}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  it("is live and ready while everything answers", async () => {
    expect(await probe("/api/health")).toEqual({ status: 200, body: { status: "ok" } });
    // The activation email just went out; its entry is marked sent a moment later.
    await expect
      .poll(() => probe("/api/ready"), { timeout: 5000 })
      .toEqual({
        status: 200,
        body: {
          status: "ready",
          database: "ok",
          keyStore: "ok",
          outbox: { pending: 0, oldestSeconds: 0, dead: 0 },
          // A fresh key store: the feed waits for the marker to age an access lifetime.
          revocationFeed: "catching_up",
        },
      });
    // Anyone else is told whether the parts answer, not what the outbox holds.
    expect(await probe("/api/ready", false)).toEqual({
      status: 200,
      body: { status: "ready", database: "ok", keyStore: "ok" },
    });
  });

  it("says which part is down on /api/ready, while /api/health stays 200", async () => {
    database.set("refuse");
    expect(await probe("/api/ready")).toMatchObject({
      status: 503,
      body: { database: "unavailable", keyStore: "ok" },
    });
    database.set("pass");
    keyStore.set("hang");
    const started = performance.now();
    expect(await probe("/api/ready")).toMatchObject({
      status: 503,
      body: { keyStore: "unavailable" },
    });
    expect(performance.now() - started).toBeLessThan(KEY_STORE_TIMEOUT_MS + SLACK_MS);
    expect((await probe("/api/health")).status).toBe(200);
    keyStore.set("pass");
    await expect
      .poll(async () => (await probe("/api/ready")).status, { timeout: 10_000 })
      .toBe(200);
  });

  for (const mode of ["refuse", "hang", "error"] as const) {
    it(`key store ${mode === "error" ? "answering errors" : mode === "refuse" ? "refusing connections" : "hanging"}: 503 in time, never a session let through, and refresh goes on on PostgreSQL alone`, async () => {
      keyStore.set(mode);
      const within = 2 * KEY_STORE_TIMEOUT_MS + SLACK_MS;
      expectOutage(await me(), within);
      expectOutage(await login(), within);
      // The session's row decides a refresh (rotation, reuse, revocation, expiry): no key store needed.
      const spent = refresh;
      const during = await rotate();
      expect(during.status).toBe(200);
      keep(during);
      const replayed = await call(url(), "auth.refresh", { input: { refresh: spent } });
      expect(replayed.status).toBe(401);
      expect(replayed.reason).toBe("REFRESH_TOKEN_REUSED");
      keyStore.set("pass");
      expect((await me()).status).toBe(200);
      const rotated = await rotate();
      expect(rotated.status).toBe(200);
      keep(rotated);
    });
  }

  for (const mode of ["refuse", "hang"] as const) {
    it(`PostgreSQL ${mode === "refuse" ? "refusing connections" : "hanging"}: 503 in time, then recovery by itself`, async () => {
      database.set(mode);
      const within = DATABASE_TIMEOUT_MS + 500 + SLACK_MS;
      expectOutage(await login(), within);
      expectOutage(await rotate(), within);
      // Just after startup the key store cannot vouch for its marks, so me asks PostgreSQL: refused too.
      expectOutage(await me(), within);
      database.set("pass");
      await expect.poll(async () => (await login()).status, { timeout: 10_000 }).toBe(200);
      const rotated = await rotate();
      expect(rotated.status).toBe(200);
      keep(rotated);
    });
  }

  it("pages that read the key store or the session say so during an outage, instead of a 500", async () => {
    keyStore.set("refuse");
    const pages = [
      { path: "/activate/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", cookie: "" },
      { path: "/reset-password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", cookie: "" },
      { path: "/confirm-email/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", cookie: "" },
      { path: "/account", cookie: `latch_access=${access}` },
    ];
    for (const { path, cookie } of pages) {
      const response = await fetch(`${url()}${path}`, { headers: cookie ? { cookie } : {} });
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain("Latch is not answering right now");
    }
    keyStore.set("pass");
  });

  it("logout during an outage keeps the session (and the browser's cookies) rather than pretend", async () => {
    const session = (await login()).data as { tokens: { access: string; refresh: string } };
    database.set("refuse");
    const response = await fetch(`${url()}/api/trpc/session.logout`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: url(),
        cookie: `latch_refresh=${session.tokens.refresh}`,
      },
      body: "{}",
    });
    expect(response.status).toBe(503);
    expect(response.headers.getSetCookie()).toEqual([]);
    database.set("pass");
    await expect
      .poll(async () => (await call(url(), "auth.login", { input: { email, password } })).status, {
        timeout: 10_000,
      })
      .toBe(200);
  });
});

describe("an app started while PostgreSQL is unreachable", () => {
  let app: AppBehindLines;
  let real: RealServicesApp;
  let database: CuttableLine;
  beforeAll(async () => {
    app = await startAppBehindLines({ DATABASE_TIMEOUT_MS: "1000" }, { database: "refuse" });
    ({ real, database } = app);
  });
  afterAll(() => app?.stop());

  it("starts, answers 503 with a reason, and recovers once PostgreSQL is back", async () => {
    const attempt = () =>
      timed(call(real.app.url, "auth.login", { input: { email: "nobody@example.com", password } }));
    expectOutage(await attempt(), 1000 + 500 + SLACK_MS);
    database.set("pass");
    await expect
      .poll(async () => (await attempt()).reason, { timeout: 10_000 })
      .toBe("INVALID_CREDENTIALS");
  });
});
