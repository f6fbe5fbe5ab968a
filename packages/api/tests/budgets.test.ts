import {
  type AuthDeps,
  createArgon2Hasher,
  createTokenService,
  cryptoRandom,
  defaultLimitSettings,
  deliverDueNotices,
  generateSigningKey,
  limitPolicy,
  type RateLimiter,
  REVOCATIONS_INTACT_MARKER,
  systemClock,
} from "@latch/auth";
import { createCountingKeyStore } from "@latch/auth/testing";
import { webPages } from "@latch/composition";
import { createPrismaDatabase } from "@latch/db";
import { migrate } from "@latch/db/migrate";
import { createUpstashKeyStore, createUpstashRevocationFeed } from "@latch/keystore";
import { createDevMailbox } from "@latch/mail";
import { createUpstashRateLimiter } from "@latch/ratelimit";
import { startUpstashBridge } from "@latch/upstash-bridge";
import { Redis } from "@upstash/redis";
import { Secret, TOTP } from "otpauth";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServices } from "../../../scripts/test/services";
import { createCaller } from "../src";
import { createContextInner } from "../src/context";
import { countingDatabase } from "./counting-database";

/**
 * Request budgets on the real adapters (PostgreSQL through Prisma, Redis
 * through the Upstash client), counted at the ports rather than timed.
 */
describe("request budgets on real PostgreSQL and Redis", () => {
  const suffix = `${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const database = `latch_budget_${suffix}`;
  const admin = new pg.Client({ connectionString: testServices.postgresUrl });
  const databaseUrl = () => {
    const url = new URL(testServices.postgresUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const mailbox = createDevMailbox({ log: () => undefined });
  let closeDb: () => Promise<void>;
  let bridge: Awaited<ReturnType<typeof startUpstashBridge>>;
  let deps: AuthDeps;
  let db: ReturnType<typeof countingDatabase>;
  let keys: ReturnType<typeof createCountingKeyStore>;
  let feed: ReturnType<typeof createUpstashRevocationFeed>;
  /** The feed while it cannot vouch (starting, reconnecting): every check goes per request. */
  const feedNotLive: AuthDeps["feed"] = {
    lookup: () => "unsure",
    state: () => "catching_up",
    announce: (ids, until) => feed.announce(ids, until),
  };
  const limiterCalls = { take: 0, refund: 0 };
  const counting = (limiter: RateLimiter): RateLimiter => ({
    take: (rule, id) => {
      limiterCalls.take++;
      return limiter.take(rule, id);
    },
    refund: (rule, id) => {
      limiterCalls.refund++;
      return limiter.refund(rule, id);
    },
  });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await migrate(databaseUrl());
    const prisma = createPrismaDatabase({ connectionString: databaseUrl() });
    closeDb = prisma.close;
    db = countingDatabase(prisma.db);
    bridge = await startUpstashBridge({ redisUrl: testServices.redisUrl, token: "t" });
    const redis = new Redis({
      url: bridge.url,
      token: "t",
      automaticDeserialization: false,
      enableTelemetry: false,
    });
    keys = createCountingKeyStore(
      createUpstashKeyStore({ redis, prefix: `latch-budget-${suffix}:` }),
    );
    feed = createUpstashRevocationFeed({
      redis,
      prefix: `latch-budget-${suffix}:`,
      accessTtlSeconds: 900,
      probeIntervalMs: 100,
      maxLagMs: 1000,
    });
    feed.start();
    deps = {
      clock: systemClock,
      random: cryptoRandom,
      keys,
      feed: feedNotLive,
      limiter: counting(
        createUpstashRateLimiter({ redis, prefix: `latch-budget-${suffix}:`, timeoutMs: 2000 }),
      ),
      db: db.db,
      notices: mailbox,
      // No endpoint is ever created here.
      webhooks: {
        checkUrl: async () => ({ allowed: false, reason: "no webhooks in this test" }),
        send: () => Promise.reject(new Error("no webhooks in this test")),
      },
      passwords: createArgon2Hasher({ memoryCost: 19456, timeCost: 2, parallelism: 1 }),
      tokens: await createTokenService({
        issuer: "http://latch.test",
        signingKey: await generateSigningKey(),
        accessTtlSeconds: 900,
        refreshTtlSeconds: 86_400,
      }),
      identityProviders: [],
      secret: new TextEncoder().encode("budget-test-secret-of-32-bytes-at-least"),
      // The in-server worker's job, done inline: these budgets count the request, not delivery.
      wakeOutbox: () => void deliverDueNotices(deps),
      policy: {
        appUrl: "http://latch.test",
        pages: webPages,
        totpIssuer: "Latch",
        activationKeyTtlSeconds: 900,
        activationRefreshWindowSeconds: 604_800,
        accessTokenTtlSeconds: 900,
        refreshTokenTtlSeconds: 86_400,
        passwordResetTtlSeconds: 900,
        emailChangeTtlSeconds: 3600,
        passwordlessTtlSeconds: 900,
        unactivatedAccountTtlDays: 30,
        auditRetentionDays: 400,
        emailsPerAddressPerHour: 10,
        sessionMaxLifetimeSeconds: 30 * 86_400,
        limits: limitPolicy(defaultLimitSettings, 900),
        outbox: {
          batchSize: 10,
          leaseSeconds: 60,
          maxAttempts: 3,
          retryBaseSeconds: 1,
          retryMaxSeconds: 10,
          keepFinishedDays: 7,
        },
      },
    };
  });

  afterAll(async () => {
    await feed?.close();
    await closeDb?.();
    await bridge?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  const reset = () => {
    db.reset();
    keys.reset();
    limiterCalls.take = 0;
    limiterCalls.refund = 0;
  };

  it("activate: two key-store calls, one query, one transaction; me: nothing with a live feed, one key-store call without; refresh: one query, no key-store call", async () => {
    const anonymous = createCaller(createContextInner({ deps }));
    const password = "correct horse battery";
    await anonymous.auth.signup({ email: "budget@example.com", password });
    await expect
      .poll(() => mailbox.latestTo("budget@example.com")?.text ?? "", { timeout: 5000 })
      .toMatch(/activate\//);
    const key =
      mailbox.latestTo("budget@example.com")?.text.match(/activate\/([A-Za-z0-9_-]{32})/)?.[1] ??
      "";

    reset();
    const { tokens } = await anonymous.auth.activate({ key, password });
    // The password is confirmed before the key is spent: peek, then take.
    expect(keys.calls.total).toBe(2);
    expect(db.counts).toEqual({ transactions: 1, queriesOutsideTransactions: 1 });
    // The client's key check and the key's password attempt.
    expect(limiterCalls).toEqual({ take: 2, refund: 0 });

    // A key store that has vouched for its revocation marks for a whole access lifetime.
    await keys.set(REVOCATIONS_INTACT_MARKER, String(Date.now() - 900_000), 3600);
    reset();
    const signedIn = createCaller(createContextInner({ deps, accessToken: tokens.access }));
    await signedIn.auth.me();
    expect(keys.calls.total).toBe(1); // budget while the feed is not live: at most 1
    expect(db.counts).toEqual({ transactions: 0, queriesOutsideTransactions: 0 });
    expect(limiterCalls).toEqual({ take: 0, refund: 0 });

    // The steady state: a live revocation feed answers in process.
    deps.feed = feed;
    await expect.poll(() => feed.state(), { timeout: 5000 }).toBe("live");
    reset();
    await signedIn.auth.me();
    expect(keys.calls.total).toBe(0); // budget with a live feed: none
    expect(db.counts).toEqual({ transactions: 0, queriesOutsideTransactions: 0 });

    reset();
    await anonymous.auth.refresh({ refresh: tokens.refresh });
    expect(keys.calls.total).toBe(0); // PostgreSQL alone decides a refresh
    // One statement rotates the token and reads the address: no transaction.
    expect(db.counts).toEqual({ transactions: 0, queriesOutsideTransactions: 1 });

    reset();
    const loggedIn = await anonymous.auth.login({ email: "budget@example.com", password });
    if ("status" in loggedIn) throw new Error("expected tokens: this account has no second factor");
    const second = loggedIn.tokens;
    // Client, (address, client), three address tiers; a success gives back all but the client's.
    expect(limiterCalls).toEqual({ take: 5, refund: 4 });

    const secondCaller = createCaller(createContextInner({ deps, accessToken: second.access }));
    await secondCaller.auth.logout({ refresh: second.refresh });
    reset();
    await expect(secondCaller.auth.me()).rejects.toMatchObject({
      cause: { reason: "SESSION_REVOKED" },
    });
    expect(keys.calls.total).toBe(0);
    expect(db.counts).toEqual({ transactions: 0, queriesOutsideTransactions: 0 });
  });

  it("login with a second factor: one key-store write, then completeLogin: two key-store calls, three queries, one transaction", async () => {
    const anonymous = createCaller(createContextInner({ deps }));
    const email = "budget-mfa@example.com";
    const password = "correct horse battery";
    await anonymous.auth.signup({ email, password });
    await expect
      .poll(() => mailbox.latestTo(email)?.text ?? "", { timeout: 5000 })
      .toMatch(/activate\//);
    const key = mailbox.latestTo(email)?.text.match(/activate\/([A-Za-z0-9_-]{32})/)?.[1] ?? "";
    const { tokens } = await anonymous.auth.activate({ key, password });
    const signedIn = createCaller(createContextInner({ deps, accessToken: tokens.access }));
    const { secret } = await signedIn.auth.mfa.totp.begin({ password });
    const code = () => new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    await signedIn.auth.mfa.totp.confirm({ code: code() });
    // The "turned on" notice is delivered inline: let it finish before counting.
    await expect
      .poll(() => mailbox.latestTo(email)?.kind, { timeout: 5000 })
      .toBe("second_factor_changed");

    reset();
    const first = await anonymous.auth.login({ email, password });
    if (!("status" in first)) throw new Error("expected a second-factor ticket");
    expect(keys.calls.total).toBe(1); // the ticket's hash, stored
    // The address, whether it has a second factor, and (it has) whether passkeys may be offered.
    expect(db.counts).toEqual({ transactions: 0, queriesOutsideTransactions: 3 });
    expect(limiterCalls).toEqual({ take: 5, refund: 4 });

    reset();
    // The enrolment's code was used: wait for the next step's.
    const used = code();
    await expect.poll(code, { timeout: 31_000, interval: 250 }).not.toBe(used);
    await anonymous.auth.completeLogin({ ticket: first.ticket, code: code() });
    // Read the ticket, then take it (GETDEL) inside the transaction.
    expect(keys.calls.total).toBe(2);
    // The user and its factor; the step, the session and the ticket's take commit together.
    expect(db.counts).toEqual({ transactions: 1, queriesOutsideTransactions: 2 });
    // Client, ticket, two account tiers; a right code gives the account's back.
    expect(limiterCalls).toEqual({ take: 4, refund: 2 });
  }, 60_000);
});
