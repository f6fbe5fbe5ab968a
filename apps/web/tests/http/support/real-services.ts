import { generateSigningKey, REVOCATIONS_INTACT_MARKER } from "@latch/auth";
import { migrate } from "@latch/db/migrate";
import {
  type RecordedEmail,
  type RecordingResendServer,
  startRecordingResendServer,
} from "@latch/mail/testing";
import { type OwnRedis, startOwnRedis, startUpstashBridge } from "@latch/upstash-bridge";
import { Redis as IORedis } from "ioredis";
import pg from "pg";
import { testServices } from "../../../../../scripts/test/services";
import { type RunningApp, startApp } from "./app";
import { call } from "./client";

export interface RealServicesApp {
  app: RunningApp;
  resend: RecordingResendServer;
  /** A plain Redis client, to look at (or empty) what the app stored under its prefix. */
  redis: IORedis;
  prefix: string;
  databaseUrl: string;
  /** The configuration the app runs with (its secrets included): for an in-process twin. */
  env: Record<string, string>;
  /** The link in the newest email to `email` that matches `pattern` (waits for it). */
  linkFor(email: string, pattern: RegExp): Promise<string>;
  /** Emails the provider accepted (2xx), as Resend would deliver them: one per idempotency key. */
  delivered(): RecordedEmail[];
  /**
   * Another server on the same database, key store, provider and secrets (scale-out, or a
   * restart after a crash); stopped with the rest.
   */
  startSibling(env?: Record<string, string>): Promise<RunningApp>;
  /**
   * Ages the key store's revocation marker past one access lifetime, as it is in
   * production a quarter hour after Redis last lost state: revocation feeds may vouch.
   */
  vouchForRevocations(): Promise<void>;
  stop(): Promise<void>;
}

export interface RealServicesOptions {
  /**
   * A redis-server of the suite's own instead of the shared one: for a suite that
   * flushes it, so suites running beside it keep their state.
   */
  ownRedis?: boolean;
}

/**
 * The production build on real parts: a fresh PostgreSQL database (migrated),
 * real Redis behind the Upstash REST bridge, and the Resend SDK pointed at a
 * recording endpoint. Production mode without ALLOW_EMBEDDED_SERVICES, so
 * nothing embedded can stand in. Shared by the HTTP suites and the benchmark.
 */
export async function startRealServicesApp(
  env: Record<string, string> = {},
  /** For fault tests: reroute the app's database and key store, e.g. through cuttable proxies. */
  rewire?: (parts: { databaseUrl: string; keyStoreUrl: string }) => Promise<Record<string, string>>,
  { ownRedis = false }: RealServicesOptions = {},
): Promise<RealServicesApp> {
  const suffix = `${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const database = `latch_http_${suffix}`;
  const prefix = `latch-test-${suffix}:`;
  const admin = new pg.Client({ connectionString: testServices.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(testServices.postgresUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  await migrate(databaseUrl);

  const own: OwnRedis | null = ownRedis ? await startOwnRedis() : null;
  const redisUrl = own?.url ?? testServices.redisUrl;
  const redis = new IORedis(redisUrl);
  const bridge = await startUpstashBridge({
    redisUrl,
    token: "bridge-token",
  });
  const resend = await startRecordingResendServer({ apiKey: "re_test_key" });
  const shared = {
    DATABASE_URL: databaseUrl,
    UPSTASH_REDIS_REST_URL: bridge.url,
    UPSTASH_REDIS_REST_TOKEN: "bridge-token",
    KEY_STORE_PREFIX: prefix,
    RESEND_API_KEY: "re_test_key",
    RESEND_BASE_URL: resend.url,
    EMAIL_FROM: "Latch <auth@latch.test>",
    AUTH_SECRET: "a-real-secret-that-is-long-enough-0123456789",
    JWT_PRIVATE_KEY: JSON.stringify((await generateSigningKey()).privateJwk),
    // Suites' webhook receivers listen on loopback; a suite about the SSRF rule passes "false".
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
    ...env,
    ...(rewire ? await rewire({ databaseUrl, keyStoreUrl: bridge.url }) : {}),
  };
  const app = await startApp(shared);
  const siblings: RunningApp[] = [];

  return {
    app,
    resend,
    redis,
    prefix,
    databaseUrl,
    env: { ...shared, APP_URL: app.url },
    async linkFor(email, pattern) {
      const sentTo = (body: Record<string, unknown>) =>
        body.to === email || (Array.isArray(body.to) && body.to.includes(email));
      const message = await resend.waitFor(
        (m) => accepted(m) && sentTo(m.body) && pattern.test(String(m.body.text ?? "")),
        10_000,
      );
      return String(message.body.text).match(pattern)?.[0] ?? "";
    },
    delivered: () => resend.received().filter(accepted),
    async vouchForRevocations() {
      const since = Date.now() - Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 900) * 1000;
      await redis.set(`${prefix}${REVOCATIONS_INTACT_MARKER}`, String(since), "EX", 3600);
    },
    async startSibling(extra = {}) {
      // One public URL for the whole deployment: it is also the tokens' issuer.
      const sibling = await startApp({ ...shared, APP_URL: app.url, ...extra });
      siblings.push(sibling);
      return sibling;
    },
    async stop() {
      await Promise.all([app, ...siblings].map((running) => running.stop()));
      await bridge.close();
      await resend.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await own?.stop();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The key of the n-th (1-based) activation email sent to `email`, waiting for it to arrive. */
export async function nthActivationKey(
  real: RealServicesApp,
  email: string,
  n: number,
): Promise<string> {
  const pattern = /\/activate\/([A-Za-z0-9_-]{32})/;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const links = real
      .delivered()
      .filter((m) => m.body.to === email || (Array.isArray(m.body.to) && m.body.to.includes(email)))
      .map((m) => String(m.body.text ?? "").match(pattern)?.[1])
      .filter((key): key is string => key !== undefined);
    const key = links[n - 1];
    if (key) return key;
    if (Date.now() > deadline) throw new Error(`no activation email #${n} to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Signs `email` up and activates it over HTTP; throws with the reason when a step is refused. */
export async function activeAccount(
  real: RealServicesApp,
  email: string,
  password: string,
): Promise<void> {
  const signup = await call(real.app.url, "auth.signup", { input: { email, password } });
  if (signup.status !== 200)
    throw new Error(`signup of ${email}: ${signup.status} ${signup.reason}`);
  const key = await nthActivationKey(real, email, 1);
  const activated = await call(real.app.url, "auth.activate", { input: { key, password } });
  if (activated.status !== 200) {
    throw new Error(`activation of ${email}: ${activated.status} ${activated.reason}`);
  }
}

/** Asks for a login email for `email` and waits for it; throws unless the answer is "sent". */
export async function askForLoginEmail(
  real: RealServicesApp,
  email: string,
  ip?: string,
): Promise<LoginEmail> {
  const before = loginEmailsTo(real, email).length;
  const started = await call(real.app.url, "auth.passwordless.start", {
    input: { email },
    ...(ip ? { ip } : {}),
  });
  if (started.status !== 200 || JSON.stringify(started.data) !== '{"status":"sent"}') {
    throw new Error(`login email for ${email}: ${started.status} ${started.reason}`);
  }
  return nthLoginEmail(real, email, before + 1);
}

/** The sessions PostgreSQL holds for the account of `email`. */
export async function sessionCountOf(db: pg.Client, email: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1",
    [email],
  );
  return Number(rows[0]?.n);
}

/**
 * Waits until the outbox has nothing pending (readiness shows its counts to the
 * operator, so the app must run with CRON_SECRET = `operatorSecret`).
 */
export async function outboxIdle(
  real: RealServicesApp,
  operatorSecret: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const headers = { authorization: `Bearer ${operatorSecret}` };
  for (;;) {
    const ready = (await (await fetch(`${real.app.url}/api/ready`, { headers })).json()) as {
      outbox: { pending: number } | null;
    };
    if (ready.outbox?.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`the outbox did not drain within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Login emails (passwordless) the provider accepted for `email`, oldest first. */
export function loginEmailsTo(real: RealServicesApp, email: string): LoginEmail[] {
  return real
    .delivered()
    .filter((m) => m.body.to === email || (Array.isArray(m.body.to) && m.body.to.includes(email)))
    .flatMap((m) => {
      const text = String(m.body.text ?? "");
      const key = text.match(/\/login\/email\/([A-Za-z0-9_-]{32})/)?.[1];
      // The email prints the code as "123 456", for reading aloud and typing.
      const code = text
        .match(/\b(\d{3}) (\d{3})\b/)
        ?.slice(1)
        .join("");
      return key && code ? [{ key, code, subject: String(m.body.subject ?? ""), text }] : [];
    });
}

export interface LoginEmail {
  key: string;
  code: string;
  subject: string;
  text: string;
}

/** The n-th (1-based) login email to `email`, waiting for it to arrive. */
export async function nthLoginEmail(
  real: RealServicesApp,
  email: string,
  n: number,
): Promise<LoginEmail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = loginEmailsTo(real, email)[n - 1];
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no login email #${n} to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const accepted = (message: RecordedEmail) =>
  message.status !== null && message.status >= 200 && message.status < 300;
