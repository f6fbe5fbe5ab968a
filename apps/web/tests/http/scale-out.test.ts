import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "./support/app";
import { call } from "./support/client";
import {
  nthActivationKey,
  type RealServicesApp,
  startRealServicesApp,
} from "./support/real-services";

const password = "correct horse battery staple";
const CRON_SECRET = "scale-out-operator-secret-0123456789abcdef";

/** What a server's /api/ready tells the operator about its revocation feed. */
async function feedState(url: string): Promise<unknown> {
  const response = await fetch(`${url}/api/ready`, {
    headers: { authorization: `Bearer ${CRON_SECRET}` },
  });
  return ((await response.json()) as { revocationFeed?: unknown }).revocationFeed;
}
let client = 0;
const nextIp = () => `203.0.113.${(client++ % 250) + 1}`;

/**
 * Two production servers on one PostgreSQL and one Redis, as behind a load
 * balancer: a session moves freely between them, a one-time key is spent
 * once across both, and their two outbox workers send each email once.
 */
describe("two servers on one database and one key store", () => {
  let real: RealServicesApp;
  let other: RunningApp;
  const servers = () => [real.app.url, other.url];

  beforeAll(async () => {
    const env = {
      TRUST_PROXY: "true",
      RATE_LIMIT_SCALE: "100",
      OUTBOX_POLL_INTERVAL_MS: "100",
      CRON_SECRET,
    };
    real = await startRealServicesApp(env);
    other = await real.startSibling();
  });
  afterAll(() => real?.stop());

  it("carries one journey across both servers, and a logout on one holds on the other", async () => {
    const [a, b] = servers() as [string, string];
    const email = `journey.${Date.now()}@example.com`;
    expect((await call(a, "auth.signup", { input: { email, password } })).status).toBe(200);
    const key = await nthActivationKey(real, email, 1);
    const activated = await call(b, "auth.activate", { input: { key, password } });
    expect(activated.status).toBe(200);
    let { access, refresh } = (activated.data as { tokens: { access: string; refresh: string } })
      .tokens;
    expect((await call(a, "auth.me", { method: "GET", accessToken: access })).status).toBe(200);
    const rotated = await call(a, "auth.refresh", { input: { refresh } });
    expect(rotated.status).toBe(200);
    ({ access, refresh } = (
      rotated.data as { tokens: { access: string; refresh: string } }
    ).tokens);
    expect((await call(b, "auth.me", { method: "GET", accessToken: access })).status).toBe(200);
    expect((await call(b, "auth.logout", { input: { refresh }, accessToken: access })).status).toBe(
      200,
    );
    const afterLogout = await call(a, "auth.me", { method: "GET", accessToken: access });
    expect(afterLogout.reason).toBe("SESSION_REVOKED");
    expect((await call(a, "auth.refresh", { input: { refresh } })).status).toBeGreaterThanOrEqual(
      400,
    );
  });

  it("honours a logout on one server at the other within a second, from the other's live feed", async () => {
    const [a, b] = servers() as [string, string];
    // A key store that has kept its revocation marks for a whole access lifetime, as in
    // production after the first quarter hour: both feeds may vouch.
    await real.vouchForRevocations();
    await expect
      .poll(() => Promise.all(servers().map(feedState)), { timeout: 10_000 })
      .toEqual(["live", "live"]);
    const email = `feed.${Date.now()}@example.com`;
    await call(a, "auth.signup", { input: { email, password } });
    const key = await nthActivationKey(real, email, 1);
    const activated = await call(a, "auth.activate", { input: { key, password } });
    const { access, refresh } = (activated.data as { tokens: { access: string; refresh: string } })
      .tokens;
    expect((await call(b, "auth.me", { method: "GET", accessToken: access })).status).toBe(200);

    expect((await call(a, "auth.logout", { input: { refresh }, accessToken: access })).status).toBe(
      200,
    );
    const loggedOutAt = Date.now();
    let answer = await call(b, "auth.me", { method: "GET", accessToken: access });
    while (answer.status === 200 && Date.now() - loggedOutAt < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      answer = await call(b, "auth.me", { method: "GET", accessToken: access });
    }
    const tookMs = Date.now() - loggedOutAt;
    console.log(`[feed] the other server refused the logged-out session ${tookMs} ms after logout`);
    expect(answer.reason).toBe("SESSION_REVOKED");
    expect(tookMs).toBeLessThan(1000);
    expect(await feedState(b)).toBe("live");
  });

  it("lets exactly one of twenty concurrent activations with one key win, ten on each server", async () => {
    const email = `race.${Date.now()}@example.com`;
    await call(real.app.url, "auth.signup", { input: { email, password } });
    const key = await nthActivationKey(real, email, 1);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      call(servers()[i % 2] ?? "", "auth.activate", { input: { key, password }, ip: nextIp() }),
    );
    const results = await Promise.all(attempts);
    const winners = results.filter((result) => result.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((result) => result.status !== 200)) {
      expect(["ACTIVATION_KEY_INVALID", "ALREADY_ACTIVE"]).toContain(loser.reason);
      expect(loser.status).toBe(loser.reason === "ALREADY_ACTIVE" ? 409 : 400);
    }
  });

  it("sends each of forty emails queued across both servers exactly once", async () => {
    const stamp = Date.now();
    const emails = Array.from({ length: 40 }, (_, i) => `many.${i}.${stamp}@example.com`);
    const answers = await Promise.all(
      emails.map((email, i) =>
        call(servers()[i % 2] ?? "", "auth.signup", { input: { email, password }, ip: nextIp() }),
      ),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    for (const email of emails) await nthActivationKey(real, email, 1);
    // Both workers poll every 100 ms: a duplicate would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const delivered = real
      .delivered()
      .filter((message) => String(message.body.to).includes(`.${stamp}@`));
    expect(delivered).toHaveLength(40);
    const keys = delivered.map((message) => message.idempotencyKey);
    expect(new Set(keys).size).toBe(40);
    expect(delivered.every((message) => message.replays === 0)).toBe(true);
  });
});
