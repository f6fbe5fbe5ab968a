import { join, resolve } from "node:path";
import {
  type AuthDeps,
  type BreachedPasswords,
  createArgon2Hasher,
  createTokenService,
  cryptoRandom,
  type KeyStore,
  limitPolicy,
  type NoticeSender,
  type RateLimiter,
  type RevocationFeed,
  systemClock,
  type WebhookSender,
} from "@latch/auth";
import { createRangeApiCheck } from "@latch/breached-passwords";
import { createPrismaDatabase, repoPaths } from "@latch/db";
import {
  createMemoryKeyStore,
  createMemoryRevocationFeed,
  createUpstashKeyStore,
  createUpstashRevocationFeed,
} from "@latch/keystore";
import {
  type Branding,
  createDevMailbox,
  createResendNoticeSender,
  type DevMailbox,
} from "@latch/mail";
import { createMemoryRateLimiter, createUpstashRateLimiter } from "@latch/ratelimit";
import { createWebhookSender } from "@latch/webhooks";
import { Redis } from "@upstash/redis";
import { guardPort, withDeadline } from "./dependency-guard";
import { ConfigError, type Env } from "./env";
import { identityProviders } from "./identity-providers";
import { createLogger, type Logger } from "./logger";
import { type OutboxRunner, startOutboxRunner } from "./outbox-runner";
import { startRevocationRunner } from "./revocation-runner";
import { loadOrCreateDevSecrets, parsePreviousPublicKeys, parseSigningKey } from "./secrets";
import { webPages } from "./web-pages";

export interface Services {
  deps: AuthDeps;
  /** Present when emails go to the development mailbox instead of Resend. */
  mailbox: DevMailbox | null;
  /** The in-server outbox worker; null with OUTBOX_WORKER=false (serverless: the cron route delivers). */
  outbox: OutboxRunner | null;
  branding: Branding;
  env: Env;
  logger: Logger;
  /** One line per part, printed at startup: which real or embedded service each part uses. */
  summary: string[];
  close(): Promise<void>;
}

type Log = (line: string) => void;

/** Variables production needs unless embedded services are explicitly allowed. */
function requireRealServices(env: Env): void {
  const needed = [
    "DATABASE_URL",
    "UPSTASH_REDIS_REST_URL",
    "RESEND_API_KEY",
    "AUTH_SECRET",
    "JWT_PRIVATE_KEY",
  ] as const;
  const missing = needed.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((name) => `  ${name}: required in production (or set ALLOW_EMBEDDED_SERVICES=true)`).join("\n")}`,
    );
  }
}

/** The composition root: the one place adapters are chosen and plugged into the domain. */
export async function createServices(env: Env, quiet?: Log): Promise<Services> {
  const logger = createLogger(env);
  // Tests and one-off jobs pass their own sink; the server logs JSON through pino.
  const log: Log = quiet ?? ((line) => logger.info(line));
  const logEvent = (event: string, detail: Record<string, string>) =>
    quiet
      ? quiet(`[latch] ${event} ${JSON.stringify(detail)}`)
      : logger.warn({ event, ...detail }, event);
  const allowEmbedded = env.ALLOW_EMBEDDED_SERVICES ?? env.NODE_ENV !== "production";
  if (!allowEmbedded) requireRealServices(env);
  const dataDir = resolve(/*turbopackIgnore: true*/ env.LATCH_DATA_DIR ?? repoPaths().dataDir);
  const summary: string[] = [];
  const closers: Array<() => Promise<void>> = [];

  try {
    const db = await openDatabase(env, dataDir, summary, closers, log);
    const { keys, limiter, feed } = openKeyStore(env, summary, closers, log);
    const branding = brandingOf(env);
    // The development mailbox prints plain lines for a person (and the e2e tests) to read.
    const { notices, mailbox } = openNoticeSender(env, branding, summary, quiet ?? console.log);
    const secrets =
      env.AUTH_SECRET && env.JWT_PRIVATE_KEY
        ? { authSecret: env.AUTH_SECRET, signingKey: await parseSigningKey(env.JWT_PRIVATE_KEY) }
        : await loadOrCreateDevSecrets(dataDir);
    if (!env.AUTH_SECRET || !env.JWT_PRIVATE_KEY) {
      summary.push(`secrets:   development secrets kept in ${join(dataDir, "dev-secrets.json")}`);
    }

    const deps: AuthDeps = {
      clock: systemClock,
      random: cryptoRandom,
      keys,
      feed,
      limiter,
      db,
      notices,
      webhooks: openWebhookSender(env, summary),
      passwords: createArgon2Hasher({
        memoryCost: env.ARGON2_MEMORY_KIB,
        timeCost: env.ARGON2_ITERATIONS,
        parallelism: env.ARGON2_PARALLELISM,
      }),
      breachedPasswords: openBreachedPasswordCheck(env, summary, logEvent),
      tokens: await createTokenService({
        issuer: env.APP_URL,
        signingKey: secrets.signingKey,
        previousPublicKeys: parsePreviousPublicKeys(env.JWT_PREVIOUS_PUBLIC_KEYS),
        accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
        refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      }),
      identityProviders: identityProviders(env),
      secret: new TextEncoder().encode(secrets.authSecret),
      policy: {
        appUrl: env.APP_URL,
        pages: webPages,
        totpIssuer: env.APP_NAME,
        activationKeyTtlSeconds: env.ACTIVATION_KEY_TTL_SECONDS,
        activationRefreshWindowSeconds: env.ACTIVATION_REFRESH_WINDOW_SECONDS,
        accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
        refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
        passwordResetTtlSeconds: env.PASSWORD_RESET_TTL_SECONDS,
        emailChangeTtlSeconds: env.EMAIL_CHANGE_TTL_SECONDS,
        passwordlessTtlSeconds: env.PASSWORDLESS_TTL_SECONDS,
        unactivatedAccountTtlDays: env.UNACTIVATED_ACCOUNT_TTL_DAYS,
        auditRetentionDays: env.AUDIT_RETENTION_DAYS,
        emailsPerAddressPerHour: env.EMAILS_PER_ADDRESS_PER_HOUR,
        sessionMaxLifetimeSeconds: env.SESSION_MAX_LIFETIME_SECONDS,
        limits: limitPolicy(
          {
            scale: env.RATE_LIMIT_SCALE,
            loginsPerClientPerMinute: env.LOGINS_PER_CLIENT_PER_MINUTE,
            signupsPerClientPerHour: env.SIGNUPS_PER_CLIENT_PER_HOUR,
            passwordResetRequestsPerClientPerHour: env.PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR,
            activationResendsPerClientPerHour: env.ACTIVATION_RESENDS_PER_CLIENT_PER_HOUR,
            keyChecksPerClientPerMinute: env.KEY_CHECKS_PER_CLIENT_PER_MINUTE,
            loginFailuresPerAddressAndClientPer15Minutes: env.LOGIN_FAILURES_PER_ADDRESS_AND_CLIENT,
            loginFailuresPerAddressPerDay: env.LOGIN_FAILURES_PER_ADDRESS_PER_DAY,
            activationPasswordAttemptsPerKey: env.ACTIVATION_PASSWORD_ATTEMPTS_PER_KEY,
            emailChangesPerAccountPerHour: env.EMAIL_CHANGES_PER_ACCOUNT_PER_HOUR,
            emailBudgetPerHour: env.EMAIL_BUDGET_PER_HOUR,
            secondFactorAttemptsPerTicket: env.SECOND_FACTOR_ATTEMPTS_PER_TICKET,
            secondFactorFailuresPerAccountPerDay: env.SECOND_FACTOR_FAILURES_PER_ACCOUNT_PER_DAY,
            passwordRechecksPerAccountPer15Minutes: env.PASSWORD_RECHECKS_PER_ACCOUNT,
            passwordlessStartsPerClientPerHour: env.PASSWORDLESS_STARTS_PER_CLIENT_PER_HOUR,
            passwordlessVerificationsPerClientPerMinute:
              env.PASSWORDLESS_VERIFICATIONS_PER_CLIENT_PER_MINUTE,
            passwordlessEmailsPerAddressPerHour: env.PASSWORDLESS_EMAILS_PER_ADDRESS_PER_HOUR,
            loginCodeAttemptsPerCode: env.LOGIN_CODE_ATTEMPTS_PER_CODE,
            loginCodeFailuresPerAddressPerHour: env.LOGIN_CODE_FAILURES_PER_ADDRESS_PER_HOUR,
          },
          env.ACTIVATION_KEY_TTL_SECONDS,
        ),
        outbox: {
          batchSize: env.OUTBOX_BATCH_SIZE,
          leaseSeconds: env.OUTBOX_LEASE_SECONDS,
          maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
          retryBaseSeconds: env.OUTBOX_RETRY_BASE_SECONDS,
          retryMaxSeconds: env.OUTBOX_RETRY_MAX_SECONDS,
          keepFinishedDays: env.OUTBOX_KEEP_SENT_DAYS,
        },
      },
      log: logEvent,
      wakeOutbox: () => outbox?.wake(),
    };
    let outbox: OutboxRunner | null = null;
    if (env.OUTBOX_WORKER) {
      outbox = startOutboxRunner(deps, {
        pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
        log,
      });
      // Stopped first on close: the batch in flight finishes before the pools close.
      const runner = outbox;
      closers.push(() => runner.stop());
      summary.push(
        `outbox:    worker in this process, polling every ${env.OUTBOX_POLL_INTERVAL_MS} ms`,
      );
    } else {
      summary.push("outbox:    no worker in this process (POST /api/cron/outbox delivers)");
    }
    // Every server, serverless ones too: it is also how each learns revocations the key store missed.
    const revocations = startRevocationRunner(deps, {
      intervalMs: env.REVOCATION_RETRY_INTERVAL_MS,
      log,
    });
    closers.push(() => revocations.stop());
    summary.push(
      `revocation log: announcements Redis missed, read from PostgreSQL every ${env.REVOCATION_RETRY_INTERVAL_MS} ms`,
    );
    const providers = deps.identityProviders;
    summary.push(
      `providers: ${providers.length > 0 ? providers.map((p) => `${p.name} (${p.id})`).join(", ") : "none (OIDC_PROVIDERS is empty)"}`,
    );
    const close = async () => {
      for (const closer of closers.reverse()) await closer();
    };
    return { deps, mailbox, outbox, branding, env, logger, summary, close };
  } catch (error) {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
    throw error;
  }
}

async function openDatabase(
  env: Env,
  dataDir: string,
  summary: string[],
  closers: Array<() => Promise<void>>,
  log: Log,
) {
  if (env.DATABASE_URL) {
    const { db, close } = createPrismaDatabase({
      connectionString: env.DATABASE_URL,
      timeoutMs: env.DATABASE_TIMEOUT_MS,
      serverStatementTimeout: true,
    });
    closers.push(close);
    summary.push(`database:  PostgreSQL at ${redactUrl(env.DATABASE_URL)}`);
    return guardPort(db, { name: "database", timeoutMs: env.DATABASE_TIMEOUT_MS + 500, log });
  }
  // Development only: PGlite and the offline migrator stay out of a production server's
  // module graph unless it runs without DATABASE_URL.
  const [{ startEmbeddedPostgres }, { migrate }] = await Promise.all([
    import("@latch/db/embedded"),
    import("@latch/db/migrate"),
  ]);
  const embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, "pglite") });
  closers.push(embedded.close);
  const { applied } = await migrate(embedded.connectionString);
  const { db, close } = createPrismaDatabase({
    connectionString: embedded.connectionString,
    maxConnections: embedded.maxConnections,
  });
  // One connection, queued transactions: the guard's deadline is generous here.
  const guarded = guardPort(db, { name: "database", timeoutMs: 30_000, log });
  closers.push(close);
  summary.push(
    `database:  embedded PostgreSQL (PGlite) in ${join(dataDir, "pglite")}` +
      (applied.length > 0 ? `, applied ${applied.length} migration(s)` : ""),
  );
  return guarded;
}

function openKeyStore(
  env: Env,
  summary: string[],
  closers: Array<() => Promise<void>>,
  log: Log,
): { keys: KeyStore; limiter: RateLimiter; feed: RevocationFeed } {
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    const redis = new Redis({
      url: env.UPSTASH_REDIS_REST_URL,
      token: env.UPSTASH_REDIS_REST_TOKEN,
      // Values are opaque strings; the client must not turn "123" or JSON into objects.
      automaticDeserialization: false,
      enableTelemetry: false,
      // One quick retry for a blip, each attempt with half the deadline: the client's
      // default (five retries, growing backoff) kept requests waiting over 4 s.
      retry: { retries: 1, backoff: () => 50 },
      signal: () =>
        AbortSignal.timeout(Math.max(25, Math.floor(env.KEY_STORE_TIMEOUT_MS / 2) - 50)),
    });
    summary.push(`key store: Upstash Redis at ${env.UPSTASH_REDIS_REST_URL} (limits too)`);
    const feed = createUpstashRevocationFeed({
      redis,
      prefix: env.KEY_STORE_PREFIX,
      accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      probeIntervalMs: env.REVOCATION_FEED_PROBE_MS,
      maxLagMs: env.REVOCATION_FEED_MAX_LAG_MS,
      log,
    });
    feed.start();
    closers.push(() => feed.close());
    summary.push(
      `revocations: live feed over Redis pub/sub (vouches while its probe, every ${env.REVOCATION_FEED_PROBE_MS} ms, returns within ${env.REVOCATION_FEED_MAX_LAG_MS} ms)`,
    );
    return {
      // Lookups are in process and never fail; announcing is a call with the key store's deadline.
      feed: {
        lookup: feed.lookup,
        state: feed.state,
        announce: guardPort(
          { announce: feed.announce },
          { name: "revocation feed", timeoutMs: env.KEY_STORE_TIMEOUT_MS, log },
        ).announce,
      },
      keys: guardPort(createUpstashKeyStore({ redis, prefix: env.KEY_STORE_PREFIX }), {
        name: "key store",
        timeoutMs: env.KEY_STORE_TIMEOUT_MS,
        log,
      }),
      limiter: createUpstashRateLimiter({
        redis,
        prefix: env.KEY_STORE_PREFIX,
        timeoutMs: env.RATE_LIMIT_TIMEOUT_MS,
      }),
    };
  }
  summary.push("key store: development store (in-process; keys and limits vanish on restart)");
  return {
    keys: createMemoryKeyStore({ prefix: env.KEY_STORE_PREFIX }),
    feed: createMemoryRevocationFeed({ accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS }),
    limiter: createMemoryRateLimiter(),
  };
}

function brandingOf(env: Env): Branding {
  return {
    appName: env.APP_NAME,
    supportEmail: env.SUPPORT_EMAIL ?? null,
    logoUrl: env.BRAND_LOGO_URL ?? null,
    accentColor: env.BRAND_ACCENT_COLOR,
  };
}

function openNoticeSender(
  env: Env,
  branding: Branding,
  summary: string[],
  log: Log,
): { notices: NoticeSender; mailbox: DevMailbox | null } {
  if (env.RESEND_API_KEY) {
    summary.push(
      `mail:      Resend${env.RESEND_BASE_URL ? ` at ${env.RESEND_BASE_URL}` : ""}, from ${env.EMAIL_FROM}`,
    );
    const resend = createResendNoticeSender({
      apiKey: env.RESEND_API_KEY,
      from: env.EMAIL_FROM,
      branding,
      ...(env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : {}),
    });
    // A provider that hangs fails the attempt (the outbox retries it) instead of holding the worker.
    const notices: NoticeSender = {
      send: (notice, options) =>
        withDeadline(resend.send(notice, options), env.MAIL_TIMEOUT_MS, "email provider"),
    };
    return { notices, mailbox: null };
  }
  const mailbox = createDevMailbox({ branding, log });
  summary.push("mail:      development mailbox (emails are printed here and kept in memory)");
  return { notices: mailbox, mailbox };
}

function openWebhookSender(env: Env, summary: string[]): WebhookSender {
  const allowPrivateNetworks = env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
  summary.push(
    `webhooks:  Standard Webhooks signatures, ${env.WEBHOOK_TIMEOUT_MS} ms per attempt, ` +
      (allowPrivateNetworks
        ? "private networks ALLOWED (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true: development only)"
        : "public addresses only"),
  );
  return createWebhookSender({ timeoutMs: env.WEBHOOK_TIMEOUT_MS, allowPrivateNetworks });
}

function openBreachedPasswordCheck(
  env: Env,
  summary: string[],
  log: (event: string, detail: Record<string, string>) => void,
): BreachedPasswords | undefined {
  const { BREACHED_PASSWORD_API_URL: url, BREACHED_PASSWORD_ON_ERROR: onError } = env;
  if (!url || !onError) {
    summary.push("passwords: common-password list; breached-password check off");
    return undefined;
  }
  const timeoutMs = env.BREACHED_PASSWORD_TIMEOUT_MS;
  summary.push(
    `passwords: common-password list; breached-password check at ${url} (fails ${onError}, ${timeoutMs} ms deadline)`,
  );
  return createRangeApiCheck({
    url,
    onError,
    timeoutMs,
    log,
  });
}

/** Connection strings carry passwords; the startup summary must not. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
