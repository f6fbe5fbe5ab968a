import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { call } from "../http/support/client";
import {
  nthActivationKey,
  type RealServicesApp,
  startRealServicesApp,
} from "../http/support/real-services";
import { type HttpLine, startHttpLine } from "./support/cuttable-proxies";

const password = "correct horse battery staple";
const CRON_SECRET = "an-operator-secret-for-the-revocation-suite-01";
/** How long a server may take to learn a revocation from PostgreSQL (its poll, plus slack). */
const LEARN_WITHIN_MS = 2000;

interface Tokens {
  access: string;
  refresh: string;
  sessionId: string;
}

/**
 * Two servers on one database and one key store, each reaching the store
 * through its own cuttable line. Server A ends a session while its line to
 * the key store is cut, so it cannot announce the revocation there: the end
 * is committed in PostgreSQL with its announcement, and no server may accept
 * the session's access tokens from then on.
 */
describe("no revocation is lost when the key store fails after PostgreSQL ended the session", () => {
  let real: RealServicesApp;
  let serverB: RunningApp;
  let lineA: HttpLine;
  let lineB: HttpLine;
  let database: pg.Client;
  const email = `revocation.${Date.now()}@example.com`;

  beforeAll(async () => {
    real = await startRealServicesApp(
      { CRON_SECRET, KEY_STORE_TIMEOUT_MS: "800", RATE_LIMIT_TIMEOUT_MS: "800" },
      async ({ keyStoreUrl }) => {
        lineA = await startHttpLine(keyStoreUrl);
        lineB = await startHttpLine(keyStoreUrl);
        return { UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${lineA.port}` };
      },
    );
    serverB = await real.startSibling({ UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${lineB.port}` });
    database = new pg.Client({ connectionString: real.databaseUrl });
    await database.connect();
    await call(real.app.url, "auth.signup", { input: { email, password } });
    const key = await nthActivationKey(real, email, 1);
    expect((await call(real.app.url, "auth.activate", { input: { key, password } })).status).toBe(
      200,
    );
    // As a quarter hour after Redis last lost state: both servers' feeds vouch, no I/O per check.
    await real.vouchForRevocations();
    for (const url of [real.app.url, serverB.url]) await untilLive(url);
  });
  afterAll(async () => {
    await database?.end();
    await real?.stop();
    await lineA?.close();
    await lineB?.close();
  });

  const feedState = async (url: string) => {
    const response = await fetch(`${url}/api/ready`, {
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    return ((await response.json()) as { revocationFeed?: string }).revocationFeed;
  };
  /** Waits until the server's feed vouches (expect.poll is for tests only, not their setup). */
  const untilLive = async (url: string) => {
    for (const deadline = Date.now() + 15_000; (await feedState(url)) !== "live"; ) {
      if (Date.now() > deadline) throw new Error(`the feed of ${url} never went live`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const login = async (): Promise<Tokens> => {
    const result = await call(serverB.url, "auth.login", { input: { email, password } });
    expect(result.status).toBe(200);
    const { access, refresh } = (result.data as { tokens: Tokens }).tokens;
    // The newest session is this login's: this suite's only account logs in one at a time.
    const newest = await database.query("SELECT id FROM sessions ORDER BY created_at DESC LIMIT 1");
    return { access, refresh, sessionId: String(newest.rows[0].id) };
  };
  const me = (url: string, tokens: Tokens) =>
    call(url, "auth.me", { method: "GET", accessToken: tokens.access });
  /** Browser logout: the refresh cookie alone names the session, no access check first. */
  const logoutOnA = async (tokens: Tokens) => {
    const response = await fetch(`${real.app.url}/api/trpc/session.logout`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: real.app.url,
        cookie: `latch_refresh=${tokens.refresh}`,
      },
      body: "{}",
    });
    return response.status;
  };
  const undelivered = async () =>
    Number((await database.query("SELECT count(*) AS n FROM revocation_announcements")).rows[0].n);
  const markedInKeyStore = async (tokens: Tokens) =>
    (await real.redis.exists(`${real.prefix}session-revoked:${tokens.sessionId}`)) === 1;

  /** Refused within LEARN_WITHIN_MS of the logout's answer, then on every call after. */
  async function expectRefusedBy(url: string, tokens: Tokens, allowed: number[]) {
    await expect
      .poll(async () => (await me(url, tokens)).status, { timeout: LEARN_WITHIN_MS, interval: 50 })
      .not.toBe(200);
    for (let i = 0; i < 10; i++) {
      const result = await me(url, tokens);
      expect(allowed, `${result.status} ${result.reason}`).toContain(result.status);
      if (result.status === 401) expect(result.reason).toBe("SESSION_REVOKED");
    }
  }

  it("a logout answered while only A's key store line is cut is refused by B, which delivers the announcement itself", async () => {
    const tokens = await login();
    expect((await me(serverB.url, tokens)).status).toBe(200);
    lineA.set("refuse");
    try {
      // Committed in PostgreSQL with its announcement: the logout is done, and says so.
      const status = await logoutOnA(tokens);
      await expectRefusedBy(serverB.url, tokens, [401]);
      expect(status).toBe(200);
      // B reaches the key store: it delivered A's announcement, as any server's worker does.
      await expect.poll(undelivered, { timeout: 5000 }).toBe(0);
      expect(await markedInKeyStore(tokens)).toBe(true);
    } finally {
      lineA.set("pass");
    }
  });

  it("with the key store cut for both servers, B refuses (401 or 503, never 200); once it is back the announcement is delivered", async () => {
    const tokens = await login();
    expect((await me(serverB.url, tokens)).status).toBe(200);
    lineA.set("refuse");
    lineB.set("refuse");
    try {
      expect(await logoutOnA(tokens)).toBe(200);
      await expectRefusedBy(serverB.url, tokens, [401, 503]);
      expect(await undelivered()).toBe(1);
      expect(await markedInKeyStore(tokens)).toBe(false);
    } finally {
      lineA.set("pass");
      lineB.set("pass");
    }
    // Delivered with retries once the store answers, then refused through the normal path.
    await expect.poll(undelivered, { timeout: 10_000 }).toBe(0);
    expect(await markedInKeyStore(tokens)).toBe(true);
    await untilLive(serverB.url);
    expect((await me(serverB.url, tokens)).reason).toBe("SESSION_REVOKED");
    // A server started now learns it from the key store alone: nothing is pending any more.
    const serverC = await real.startSibling();
    await untilLive(serverC.url);
    const result = await me(serverC.url, tokens);
    expect([result.status, result.reason]).toEqual([401, "SESSION_REVOKED"]);
  });
});
