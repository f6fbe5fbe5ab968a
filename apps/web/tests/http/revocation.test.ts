import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/client";
import {
  nthActivationKey,
  type RealServicesApp,
  startRealServicesApp,
} from "./support/real-services";

const password = "correct horse battery staple";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tokens {
  access: string;
  refresh: string;
  refreshExpiresAt: string;
}

async function activeAccount(real: RealServicesApp, email: string) {
  await call(real.app.url, "auth.signup", { input: { email, password } });
  const key = await nthActivationKey(real, email, 1);
  const activated = await call(real.app.url, "auth.activate", { input: { key, password } });
  expect(activated.status).toBe(200);
}

const loginTokens = async (url: string, email: string) =>
  ((await call(url, "auth.login", { input: { email, password } })).data as { tokens: Tokens })
    .tokens;

describe("revocation without gaps, over HTTP on real services", () => {
  let real: RealServicesApp;
  const email = `revoked.${Date.now()}@example.com`;
  beforeAll(async () => {
    // It flushes Redis: a server of its own, so suites running beside it keep their keys.
    real = await startRealServicesApp({}, undefined, { ownRedis: true });
    await activeAccount(real, email);
  });
  afterAll(() => real?.stop());
  const url = () => real.app.url;
  const me = (access: string) => call(url(), "auth.me", { method: "GET", accessToken: access });

  it("a refresh token replayed after the grace ends the session's access tokens at once", async () => {
    const first = await loginTokens(url(), email);
    const rotated = (
      (await call(url(), "auth.refresh", { input: { refresh: first.refresh } })).data as {
        tokens: Tokens;
      }
    ).tokens;
    await sleep(10_500); // past the 10 s in which a replay is taken for two tabs racing
    expect((await call(url(), "auth.refresh", { input: { refresh: first.refresh } })).reason).toBe(
      "REFRESH_TOKEN_REUSED",
    );
    for (const access of [first.access, rotated.access]) {
      expect((await me(access)).reason).toBe("SESSION_REVOKED");
      expect(
        (await call(url(), "auth.sessions.list", { method: "GET", accessToken: access })).reason,
      ).toBe("SESSION_REVOKED");
      expect((await call(url(), "auth.logoutAll", { input: {}, accessToken: access })).reason).toBe(
        "SESSION_REVOKED",
      );
    }
  });

  it("after FLUSHALL on Redis a logged-out session stays dead and a live one lives on", async () => {
    const kept = await loginTokens(url(), email);
    const ended = await loginTokens(url(), email);
    expect(
      (
        await call(url(), "auth.logout", {
          input: { refresh: ended.refresh },
          accessToken: ended.access,
        })
      ).status,
    ).toBe(200);
    expect((await me(ended.access)).reason).toBe("SESSION_REVOKED");

    await real.redis.flushall();

    expect((await me(ended.access)).reason).toBe("SESSION_REVOKED");
    expect((await call(url(), "auth.refresh", { input: { refresh: ended.refresh } })).status).toBe(
      401,
    );
    expect((await me(kept.access)).status).toBe(200);
  });
});

describe("the absolute session lifetime, over HTTP on real services", () => {
  let real: RealServicesApp;
  const email = `lifetime.${Date.now()}@example.com`;
  beforeAll(async () => {
    real = await startRealServicesApp({ SESSION_MAX_LIFETIME_SECONDS: "4" });
    await activeAccount(real, email);
  });
  afterAll(() => real?.stop());

  it("no refresh carries a session past SESSION_MAX_LIFETIME_SECONDS", async () => {
    const started = Date.now();
    let tokens = await loginTokens(real.app.url, email);
    const end = started + 5_000; // 4 s, plus a second for whole-second JWT times
    expect(new Date(tokens.refreshExpiresAt).getTime()).toBeLessThanOrEqual(end);
    await sleep(2_000);
    const refreshed = await call(real.app.url, "auth.refresh", {
      input: { refresh: tokens.refresh },
    });
    expect(refreshed.status).toBe(200);
    tokens = (refreshed.data as { tokens: Tokens }).tokens;
    expect(new Date(tokens.refreshExpiresAt).getTime()).toBeLessThanOrEqual(end);
    await sleep(Math.max(0, end - Date.now()) + 500);
    const expired = await call(real.app.url, "auth.refresh", {
      input: { refresh: tokens.refresh },
    });
    expect(expired.reason).toBe("REFRESH_TOKEN_EXPIRED");
  });
});
