import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallResult, call } from "../http/support/client";
import {
  nthActivationKey,
  type RealServicesApp,
  startRealServicesApp,
} from "../http/support/real-services";

const password = "correct horse battery staple";
const MAIL_TIMEOUT_MS = 1000;
const LEASE_SECONDS = 3;

/** Short retries and leases, so an outage and a crash play out in seconds. */
const outboxEnv = {
  MAIL_TIMEOUT_MS: String(MAIL_TIMEOUT_MS),
  OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
  OUTBOX_RETRY_BASE_SECONDS: "0.2",
  OUTBOX_RETRY_MAX_SECONDS: "1",
  OUTBOX_MAX_ATTEMPTS: "30",
  OUTBOX_POLL_INTERVAL_MS: "100",
  RATE_LIMIT_SCALE: "100",
  TRUST_PROXY: "true",
};

let client = 0;
const nextIp = () => `198.51.100.${(client++ % 250) + 1}`;

async function timed(work: Promise<CallResult>) {
  const started = performance.now();
  const result = await work;
  return { ...result, ms: performance.now() - started };
}

interface OutboxRow {
  id: string;
  kind: string;
  status: string;
  attempts: number;
}

/**
 * Emails go through the outbox: a request never waits on the provider, and
 * whatever the provider or the server does (errors, hangs, kill -9), every
 * email a request was told about is delivered once the provider is back, once.
 */
describe("the outbox under provider failures and crashes, on the production build", () => {
  let real: RealServicesApp;
  let db: pg.Client;
  const rows = async (): Promise<OutboxRow[]> =>
    (await db.query<OutboxRow>("SELECT id, kind, status, attempts FROM outbox ORDER BY created_at"))
      .rows;
  const deliveredTo = (email: string) =>
    real.delivered().filter((message) => [message.body.to].flat().includes(email));

  beforeAll(async () => {
    real = await startRealServicesApp(outboxEnv);
    db = new pg.Client({ connectionString: real.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await real?.stop();
  });

  async function activeAccount(url: string, email: string) {
    await call(url, "auth.signup", { input: { email, password }, ip: nextIp() });
    const key = await nthActivationKey(real, email, 1);
    const activated = await call(url, "auth.activate", { input: { key, password }, ip: nextIp() });
    expect(activated.status).toBe(200);
    return (activated.data as { tokens: { access: string } }).tokens.access;
  }

  /** Waits until no entry is pending and returns the rows. */
  async function drained(timeoutMs = 20_000): Promise<OutboxRow[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const all = await rows();
      if (all.every((row) => row.status !== "pending")) return all;
      if (Date.now() > deadline) {
        throw new Error(`outbox still pending after ${timeoutMs} ms: ${JSON.stringify(all)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Every idempotency key the provider accepted, accepted once, and every sent entry among them. */
  async function expectEachSentOnce() {
    const all = await drained();
    const keys = real.delivered().map((message) => message.idempotencyKey);
    expect(new Set(keys).size, "a notice reached the provider under two keys").toBe(keys.length);
    const sent = all.filter((row) => row.status === "sent").map((row) => row.id);
    expect([...keys].sort()).toEqual([...sent].sort());
    expect(all.filter((row) => row.status === "dead")).toEqual([]);
    return all;
  }

  it("answers at once while the provider fails (500, 429, hangs, drops), and delivers every email once it is back", async () => {
    const url = real.app.url;
    const owner = `owner.${Date.now()}@example.com`;
    await activeAccount(url, owner);
    // A second account changes its address: minting its link renews its own key stamp only.
    const mover = `mover.${Date.now()}@example.com`;
    const access = await activeAccount(url, mover);
    const pending = `pending.${Date.now()}@example.com`;
    await call(url, "auth.signup", { input: { email: pending, password }, ip: nextIp() });
    await nthActivationKey(real, pending, 1);
    const fresh = `fresh.${Date.now()}@example.com`;
    const before = real.delivered().length;

    real.resend.failNext(
      { status: 500, name: "internal_server_error" },
      { status: 429, name: "rate_limit_exceeded" },
      "hang",
      "network",
      { status: 502, rawBody: "<html>bad gateway</html>", contentType: "text/html" },
      { status: 503, name: "service_unavailable" },
      "hang",
      { status: 429, name: "rate_limit_exceeded" },
    );
    const answers = [
      await timed(
        call(url, "auth.requestPasswordReset", { input: { email: owner }, ip: nextIp() }),
      ),
      await timed(call(url, "auth.resendActivation", { input: { email: pending }, ip: nextIp() })),
      await timed(call(url, "auth.signup", { input: { email: fresh, password }, ip: nextIp() })),
      await timed(
        call(url, "auth.requestEmailChange", {
          input: { newEmail: `moved.${Date.now()}@example.com`, password },
          accessToken: access,
        }),
      ),
    ];
    for (const answer of answers) {
      console.log(
        `[outbox fault] ${String(answer.error?.data?.path ?? "ok")}: ${answer.status} in ${answer.ms.toFixed(0)} ms`,
      );
      expect(answer.status, JSON.stringify(answer.error)).toBe(200);
      // Hashing a password is the slowest part; no answer waits for the provider's deadline.
      expect(answer.ms).toBeLessThan(MAIL_TIMEOUT_MS);
    }

    await expectEachSentOnce();
    const kinds = real
      .delivered()
      .slice(before)
      .map((message) => (message.body.tags as { value: string }[] | undefined)?.[0]?.value)
      .sort();
    expect(kinds).toEqual([
      "activation",
      "activation",
      "email_change_confirmation",
      "email_change_notice",
      "password_reset",
    ]);
    // The links mailed after the outage work: the newest activation link of `pending` activates.
    const key = await nthActivationKey(real, pending, 2);
    expect((await call(url, "auth.activate", { input: { key, password } })).status).toBe(200);
  }, 60_000);

  it("after kill -9 during a burst of signups and a restart, every account has exactly one working link", async () => {
    const victim = await real.startSibling();
    const stamp = Date.now();
    const emails = Array.from({ length: 200 }, (_, i) => `burst.${i}.${stamp}@example.com`);
    let answered = 0;
    const results = emails.map((email) =>
      call(victim.url, "auth.signup", { input: { email, password }, ip: nextIp() }).then(
        (result) => {
          answered += 1;
          return result.status;
        },
        () => "cut" as const,
      ),
    );
    // Mid-burst: some signups answered, most still in flight.
    while (answered < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    await victim.kill();
    const statuses = await Promise.all(results);
    const accepted = emails.filter((_, i) => statuses[i] === 200);
    console.log(
      `[outbox fault] kill -9 during 200 signups: ${accepted.length} answered 200, ${statuses.filter((s) => s === "cut").length} cut`,
    );

    // The first server (still up) and a restarted one share the outbox.
    await real.startSibling();
    await expectEachSentOnce();
    const { rows: accounts } = await db.query<{ email: string }>(
      "SELECT email FROM users WHERE email LIKE $1",
      [`burst.%.${stamp}@example.com`],
    );
    const created = accounts.map((row) => row.email).sort();
    console.log(
      `[outbox fault] after the restart: ${created.length} accounts, each with one activation email`,
    );
    // Every 200 was committed; a cut request either committed whole (account and email) or not at all.
    expect(created).toEqual(expect.arrayContaining(accepted));
    for (const email of created) {
      expect(deliveredTo(email), email).toHaveLength(1);
    }
    for (const email of created.slice(0, 5)) {
      const key = await nthActivationKey(real, email, 1);
      const activated = await call(real.app.url, "auth.activate", { input: { key, password } });
      expect(activated.status, email).toBe(200);
    }
  }, 90_000);

  it("a server killed while its send hangs: another server resends after the lease, with the same idempotency key", async () => {
    const victim = await real.startSibling();
    const email = `crash.${Date.now()}@example.com`;
    real.resend.failNext("hang");
    const started = Date.now();
    const answer = await call(victim.url, "auth.signup", {
      input: { email, password },
      ip: nextIp(),
    });
    expect(answer.status).toBe(200);
    // The victim's worker, woken by its own commit, is now waiting on the hung provider.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await victim.kill();
    const all = await expectEachSentOnce();
    const [message] = deliveredTo(email);
    const row = all.find((entry) => entry.id === message?.idempotencyKey);
    expect(
      row,
      "the delivered email carries its outbox entry's id as idempotency key",
    ).toBeDefined();
    expect(row?.status).toBe("sent");
    expect(row?.attempts).toBeGreaterThanOrEqual(2);
    console.log(
      `[outbox fault] killed mid-send: delivered after ${Date.now() - started} ms in ${row?.attempts} attempts`,
    );
  }, 60_000);
});
