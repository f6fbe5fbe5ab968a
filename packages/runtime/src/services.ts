import { join, resolve } from "node:path";
import {
  type AuthDeps,
  type BreachedPasswords,
  createArgon2Hasher,
  createTokenService,
  cryptoRandom,
  isAuthError,
  limitPolicy,
  type RateLimiter,
  systemClock,
} from "@latch/auth";
import { createRangeApiCheck } from "@latch/breached-passwords";
import { createPrismaDatabase, repoPaths } from "@latch/db";
import { startEmbeddedPostgres } from "@latch/db/embedded";
import { migrate } from "@latch/db/migrate";
import { createMemoryKeyStore, createUpstashKeyStore, type KeyStore } from "@latch/keystore";
import { createDevMailbox, createResendMailer, type DevMailbox, type Mailer } from "@latch/mail";
import { createMemoryRateLimiter, createUpstashRateLimiter } from "@latch/ratelimit";
import { Redis } from "@upstash/redis";
import { guardPort, withDeadline } from "./dependency-guard";
import { ConfigError, type Env } from "./env";
import { loadOrCreateDevSecrets, parsePreviousPublicKeys, parseSigningKey } from "./secrets";

export interface Services {
  deps: AuthDeps;
  /** Present when emails go to the development mailbox instead of Resend. */
  mailbox: DevMailbox | null;
  env: Env;
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
export async function createServices(env: Env, log: Log = console.log): Promise<Services> {
  const allowEmbedded = env.ALLOW_EMBEDDED_SERVICES ?? env.NODE_ENV !== "production";
  if (!allowEmbedded) requireRealServices(env);
  const dataDir = resolve(/*turbopackIgnore: true*/ env.LATCH_DATA_DIR ?? repoPaths().dataDir);
  const summary: string[] = [];
  const closers: Array<() => Promise<void>> = [];

  try {
    const db = await openDatabase(env, dataDir, summary, closers, log);
    const { keys, limiter } = openKeyStore(env, summary, log);
    const { mailer, mailbox } = openMailer(env, summary, log);
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
      limiter,
      db,
      mailer,
      passwords: createArgon2Hasher({
        memoryCost: env.ARGON2_MEMORY_KIB,
        timeCost: env.ARGON2_ITERATIONS,
        parallelism: env.ARGON2_PARALLELISM,
      }),
      breachedPasswords: openBreachedPasswordCheck(env, summary, log),
      tokens: await createTokenService({
        issuer: env.APP_URL,
        signingKey: secrets.signingKey,
        previousPublicKeys: parsePreviousPublicKeys(env.JWT_PREVIOUS_PUBLIC_KEYS),
        accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
        refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      }),
      secret: new TextEncoder().encode(secrets.authSecret),
      policy: {
        appUrl: env.APP_URL,
        activationKeyTtlSeconds: env.ACTIVATION_KEY_TTL_SECONDS,
        activationRefreshWindowSeconds: env.ACTIVATION_REFRESH_WINDOW_SECONDS,
        accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
        refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
        passwordResetTtlSeconds: env.PASSWORD_RESET_TTL_SECONDS,
        emailChangeTtlSeconds: env.EMAIL_CHANGE_TTL_SECONDS,
        unactivatedAccountTtlDays: env.UNACTIVATED_ACCOUNT_TTL_DAYS,
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
          },
          env.ACTIVATION_KEY_TTL_SECONDS,
        ),
      },
      log: (event, detail) => log(`[latch] ${event} ${JSON.stringify(detail)}`),
      // The server is a long-lived process, so work can simply continue after the
      // response; a host that knows when the answer has left (Next's after())
      // schedules it better through withDeferral.
      defer: deferredRunner(setImmediate, log),
    };
    const close = async () => {
      for (const closer of closers.reverse()) await closer();
    };
    return { deps, mailbox, env, summary, close };
  } catch (error) {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
    throw error;
  }
}

type Schedule = (run: () => void) => unknown;

/** Runs deferred work on `schedule`, logging (never throwing) what fails. */
function deferredRunner(schedule: Schedule, log: Log): AuthDeps["defer"] {
  return (task) => {
    schedule(() => {
      task().catch((error: unknown) => {
        const reason = isAuthError(error) ? error.reason : "unexpected error";
        log(`[latch] deferred work failed: ${reason}`);
        if (!isAuthError(error)) console.error(error);
      });
    });
  };
}

/**
 * The same dependencies with deferred work scheduled by the host, e.g. after
 * the response has been sent: work that overlaps the answer slows it, and
 * by a different amount for an address with an account than for one without.
 */
export function withDeferral(deps: AuthDeps, schedule: Schedule, log: Log = console.log): AuthDeps {
  return { ...deps, defer: deferredRunner(schedule, log) };
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
  log: Log,
): { keys: KeyStore; limiter: RateLimiter } {
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
    return {
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
    limiter: createMemoryRateLimiter(),
  };
}

function openMailer(
  env: Env,
  summary: string[],
  log: Log,
): { mailer: Mailer; mailbox: DevMailbox | null } {
  if (env.RESEND_API_KEY) {
    summary.push(
      `mail:      Resend${env.RESEND_BASE_URL ? ` at ${env.RESEND_BASE_URL}` : ""}, from ${env.EMAIL_FROM}`,
    );
    const resend = createResendMailer({
      apiKey: env.RESEND_API_KEY,
      from: env.EMAIL_FROM,
      ...(env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : {}),
    });
    // A provider that hangs fails the send (EMAIL_DELIVERY_FAILED) instead of the request.
    const mailer: Mailer = {
      send: (message) => withDeadline(resend.send(message), env.MAIL_TIMEOUT_MS, "email provider"),
    };
    return { mailer, mailbox: null };
  }
  const mailbox = createDevMailbox({ log });
  summary.push("mail:      development mailbox (emails are printed here and kept in memory)");
  return { mailer: mailbox, mailbox };
}

function openBreachedPasswordCheck(
  env: Env,
  summary: string[],
  log: Log,
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
    log: (event, detail) => log(`[latch] ${event} ${JSON.stringify(detail)}`),
  });
}

/** Connection strings carry passwords; the startup summary must not. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
