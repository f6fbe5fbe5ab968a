import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallResult, call } from "../http/support/client";
import {
  activeAccount,
  askForLoginEmail,
  loginEmailsTo,
  nthLoginEmail,
  outboxIdle,
  type RealServicesApp,
  sessionCountOf,
} from "../http/support/real-services";
import { type AppBehindLines, startAppBehindLines } from "./support/app-behind-lines";
import type { CuttableLine, HttpLine } from "./support/cuttable-proxies";

const password = "correct horse battery staple";
const CRON_SECRET = "an-operator-secret-for-the-passwordless-suite";

function expectOutage(result: CallResult) {
  expect([result.status, result.reason], JSON.stringify(result.error)).toEqual([
    503,
    "SERVICE_UNAVAILABLE",
  ]);
  expect(Number(result.headers.get("retry-after"))).toBeGreaterThan(0);
}

/**
 * PostgreSQL or the key store cut while someone logs in by email: 503 with a
 * reason, no session written, and the email's link or code (which the failed
 * attempt had already taken from the key store) still logs in once the part
 * is back. Losing it would leave the person with a used-up email they never used.
 */
describe("outages while logging in by email", () => {
  let app: AppBehindLines;
  let real: RealServicesApp;
  let database: CuttableLine;
  let keyStore: HttpLine;
  let direct: pg.Client;

  beforeAll(async () => {
    app = await startAppBehindLines({
      DATABASE_TIMEOUT_MS: "1500",
      KEY_STORE_TIMEOUT_MS: "1000",
      RATE_LIMIT_TIMEOUT_MS: "1000",
      RATE_LIMIT_SCALE: "100",
      CRON_SECRET,
      // A resend 2-4 s after a send whose answer was lost: after the person used the email.
      OUTBOX_RETRY_BASE_SECONDS: "2",
    });
    ({ real, database, keyStore } = app);
    direct = new pg.Client({ connectionString: real.databaseUrl });
    await direct.connect();
  });
  afterAll(async () => {
    await direct?.end();
    await app?.stop();
  });

  const url = () => real.app.url;
  const recovered = () =>
    expect
      .poll(
        async () =>
          (
            await fetch(`${url()}/api/ready`, {
              headers: { authorization: `Bearer ${CRON_SECRET}` },
            })
          ).status,
        { timeout: 10_000 },
      )
      .toBe(200);
  it("the link with PostgreSQL cut: 503, no session, and the same link logs in once it is back", async () => {
    const email = `passwordless.db.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const { key } = await askForLoginEmail(real, email);
    const before = await sessionCountOf(direct, email);
    database.set("refuse");
    try {
      expectOutage(await call(url(), "auth.passwordless.verify", { input: { key } }));
    } finally {
      database.set("pass");
    }
    expect(await sessionCountOf(direct, email)).toBe(before);
    await recovered();
    const retry = await call(url(), "auth.passwordless.verify", { input: { key } });
    expect(retry.status, JSON.stringify(retry.error)).toBe(200);
    expect(await sessionCountOf(direct, email)).toBe(before + 1);
    const again = await call(url(), "auth.passwordless.verify", { input: { key } });
    expect(again.reason).toBe("LOGIN_LINK_INVALID");
  });

  it("the code with the key store cut: 503, then the same code logs in once, and the link went with it", async () => {
    const email = `passwordless.keys.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const { key, code } = await askForLoginEmail(real, email);
    keyStore.set("refuse");
    try {
      expectOutage(await call(url(), "auth.passwordless.verify", { input: { email, code } }));
    } finally {
      keyStore.set("pass");
    }
    await recovered();
    const retry = await call(url(), "auth.passwordless.verify", { input: { email, code } });
    expect(retry.status, JSON.stringify(retry.error)).toBe(200);
    expect((await call(url(), "auth.passwordless.verify", { input: { key } })).reason).toBe(
      "LOGIN_LINK_INVALID",
    );
  });

  it("the provider accepted the email but its answer was lost: used once, the outbox's resend does not bring its link or code back", async () => {
    const email = `passwordless.resend.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    real.resend.failNext("answer-lost");
    const started = await call(url(), "auth.passwordless.start", { input: { email } });
    expect(started.status, JSON.stringify(started.error)).toBe(200);
    const { key, code } = await nthLoginEmail(real, email, 1);
    const used = await call(url(), "auth.passwordless.verify", { input: { key } });
    expect(used.status, JSON.stringify(used.error)).toBe(200);

    // The worker tries the email again (it cannot know the provider took it). Before the fix
    // it stored the email's key again and resent it under the same idempotency key; now it
    // finds the email spent and drops it. Either way the outbox ends with nothing pending.
    await outboxIdle(real, CRON_SECRET, 15_000);
    expect((await call(url(), "auth.passwordless.verify", { input: { key } })).reason).toBe(
      "LOGIN_LINK_INVALID",
    );
    expect((await call(url(), "auth.passwordless.verify", { input: { email, code } })).reason).toBe(
      "LOGIN_CODE_INVALID",
    );
    expect(loginEmailsTo(real, email)).toHaveLength(1);
  });

  it("asking with PostgreSQL cut: 503, not 'sent' (nothing was written to send)", async () => {
    const email = `passwordless.ask.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    database.set("refuse");
    try {
      expectOutage(await call(url(), "auth.passwordless.start", { input: { email } }));
    } finally {
      database.set("pass");
    }
    await recovered();
    await askForLoginEmail(real, email);
    expect(loginEmailsTo(real, email)).toHaveLength(1);
  });
});
