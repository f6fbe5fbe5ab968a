import type { ProviderSettings } from "@latch/oidc/settings";
import { z } from "zod";
import { parseOidcProviders } from "./oidc-env";

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalString = z.string().trim().optional();
const flag = z.enum(["true", "false"]).transform((value) => value === "true");

/** A comma-separated list of origins (scheme://host[:port], no path, no wildcard). */
const originList = z
  .string()
  .default("")
  .transform((list) =>
    list
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine(
        (origin) => {
          try {
            const url = new URL(origin);
            return /^https?:$/.test(url.protocol) && url.origin === origin;
          } catch {
            return false;
          }
        },
        { error: "each entry must be an origin such as https://app.example.com (no path)" },
      ),
    ),
  );

/** Provider ids for OIDC_PROVIDERS: they name variables and callback paths. */
const providerIds = z
  .string()
  .default("")
  .transform((list) =>
    list
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
          error: "ids are lowercase letters, digits and hyphens (e.g. acme,google)",
        }),
      )
      .refine((ids) => new Set(ids).size === ids.length, { error: "an id is listed twice" }),
  );

/**
 * Every variable Latch reads, with its default. `.env.example` lists the same
 * names; nothing else in the code reads process.env.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    /** The address the production server listens on. */
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    /** Defaults to http://localhost:$PORT, so `PORT=3100 pnpm dev` mails working links. */
    APP_URL: z
      .url()
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
    LATCH_DATA_DIR: optionalString,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
    ALLOW_EMBEDDED_SERVICES: flag.optional(),
    TRUST_PROXY: flag.default(false),
    API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
    /** Front-end origins (scheme://host[:port]) that may call the API with a bearer token. */
    CORS_ORIGINS: originList,
    /** Other origins a login or an activation may send the person back to (?returnTo=). */
    RETURN_TO_ORIGINS: originList,

    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" })
      .optional(),

    UPSTASH_REDIS_REST_URL: z.url({ protocol: /^https?$/ }).optional(),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    KEY_STORE_PREFIX: z.string().max(64).default("latch:"),

    /** Branding shared by the emails and the pages. */
    APP_NAME: z.string().trim().min(1).max(60).default("Latch"),
    SUPPORT_EMAIL: z.email().optional(),
    BRAND_LOGO_URL: z.url({ protocol: /^https?$/ }).optional(),
    BRAND_ACCENT_COLOR: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, { error: "must be a #rrggbb colour" })
      .default("#2563eb"),

    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    EMAIL_FROM: z.string().trim().min(3).default("Latch <no-reply@localhost>"),

    AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
    JWT_PRIVATE_KEY: optionalString,
    /** JSON array of the public JWKs of retired signing keys (key rotation). */
    JWT_PREVIOUS_PUBLIC_KEYS: optionalString,

    /** The outbox worker runs inside the server; false on serverless hosts (use the cron route). */
    OUTBOX_WORKER: flag.default(true),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    OUTBOX_LEASE_SECONDS: seconds(60),
    /** About 2.6 hours of retries with the defaults below: inside Resend's 24-hour idempotency window. */
    OUTBOX_MAX_ATTEMPTS: count(12),
    OUTBOX_RETRY_BASE_SECONDS: z.coerce.number().positive().max(3600).default(10),
    OUTBOX_RETRY_MAX_SECONDS: z.coerce.number().positive().max(21_600).default(3600),
    /** Sent entries are kept this long (for the operator), then deleted; dead ones are kept. */
    OUTBOX_KEEP_SENT_DAYS: count(7),

    ACTIVATION_KEY_TTL_SECONDS: seconds(900),
    ACTIVATION_REFRESH_WINDOW_SECONDS: seconds(7 * 24 * 3600),
    ACCESS_TOKEN_TTL_SECONDS: seconds(900),
    REFRESH_TOKEN_TTL_SECONDS: seconds(86_400),
    PASSWORD_RESET_TTL_SECONDS: seconds(900),
    EMAIL_CHANGE_TTL_SECONDS: seconds(3600),
    PASSWORDLESS_TTL_SECONDS: seconds(900),
    UNACTIVATED_ACCOUNT_TTL_DAYS: z.coerce.number().int().positive().default(30),
    /** Audit events older than this many days are deleted by the purge job. */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().max(36_500).default(400),
    /** Bearer secret of the cron route that purges unactivated accounts; unset = route disabled. */
    CRON_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
    EMAILS_PER_ADDRESS_PER_HOUR: count(10),
    SESSION_MAX_LIFETIME_SECONDS: seconds(30 * 24 * 3600),

    /** Multiplies every limit below; for load tests and benchmarks, never below 1 in production. */
    RATE_LIMIT_SCALE: z.coerce.number().positive().max(1_000_000).default(1),
    /** Deadlines: a dependency that has not answered by then makes the request answer 503. */
    DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
    KEY_STORE_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
    MAIL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** A limiter that has not answered by then refuses the request (fails closed). */
    RATE_LIMIT_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
    /** How often each server publishes a probe on the revocation feed and expects it back. */
    REVOCATION_FEED_PROBE_MS: z.coerce.number().int().min(50).max(60_000).default(300),
    /** A feed that has not heard its probe for this long stops vouching (the per-request check takes over). */
    REVOCATION_FEED_MAX_LAG_MS: z.coerce.number().int().min(100).max(120_000).default(1000),
    /**
     * How often each server reads revocations the key store has not heard of yet from
     * PostgreSQL (one indexed query), refuses their sessions and delivers them.
     */
    REVOCATION_RETRY_INTERVAL_MS: z.coerce.number().int().min(50).max(10_000).default(250),
    LOGINS_PER_CLIENT_PER_MINUTE: count(20),
    SIGNUPS_PER_CLIENT_PER_HOUR: count(10),
    PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR: count(10),
    ACTIVATION_RESENDS_PER_CLIENT_PER_HOUR: count(10),
    KEY_CHECKS_PER_CLIENT_PER_MINUTE: count(30),
    LOGIN_FAILURES_PER_ADDRESS_AND_CLIENT: count(10),
    LOGIN_FAILURES_PER_ADDRESS_PER_DAY: count(100),
    ACTIVATION_PASSWORD_ATTEMPTS_PER_KEY: count(5),
    EMAIL_CHANGES_PER_ACCOUNT_PER_HOUR: count(5),
    EMAIL_BUDGET_PER_HOUR: count(1000),
    SECOND_FACTOR_ATTEMPTS_PER_TICKET: count(5),
    SECOND_FACTOR_FAILURES_PER_ACCOUNT_PER_DAY: count(50),
    PASSWORD_RECHECKS_PER_ACCOUNT: count(10),
    PASSWORDLESS_STARTS_PER_CLIENT_PER_HOUR: count(10),
    PASSWORDLESS_VERIFICATIONS_PER_CLIENT_PER_MINUTE: count(30),
    PASSWORDLESS_EMAILS_PER_ADDRESS_PER_HOUR: count(5),
    LOGIN_CODE_ATTEMPTS_PER_CODE: count(5),
    LOGIN_CODE_FAILURES_PER_ADDRESS_PER_HOUR: count(10),

    ARGON2_MEMORY_KIB: z.coerce
      .number()
      .int()
      .min(19_456, { error: "below OWASP's floor (19456)" })
      .default(19_456),
    ARGON2_ITERATIONS: z.coerce.number().int().min(2).default(2),
    ARGON2_PARALLELISM: z.coerce.number().int().min(1).max(16).default(1),

    /** A k-anonymity range API (Have I Been Pwned style); unset = no breached-password check. */
    BREACHED_PASSWORD_API_URL: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
    /** No default on purpose: whether an outage lets passwords through is a decision to write down. */
    BREACHED_PASSWORD_ON_ERROR: z.enum(["open", "closed"]).optional(),
    BREACHED_PASSWORD_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(1500),

    /** Sign-in providers; each id's OIDC_<ID>_* variables are read by oidc-env.ts. */
    OIDC_PROVIDERS: providerIds,
    /** Deadline of each request to a provider (discovery, token, keys, userinfo). */
    OIDC_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5000),

    /** Webhook receivers on loopback and private networks: development and tests only. */
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: flag.default(false),
    /** Deadline of one webhook attempt, DNS lookup to answer. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5000),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_TOKEN"],
        message: "set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN together",
      });
    }
    if (env.BREACHED_PASSWORD_API_URL && !env.BREACHED_PASSWORD_ON_ERROR) {
      ctx.addIssue({
        code: "custom",
        path: ["BREACHED_PASSWORD_ON_ERROR"],
        message:
          "required with BREACHED_PASSWORD_API_URL: open (accept passwords while the API fails) or closed (refuse with 503)",
      });
    }
    if (env.OUTBOX_LEASE_SECONDS * 1000 < 2 * env.MAIL_TIMEOUT_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["OUTBOX_LEASE_SECONDS"],
        message: "must be at least twice MAIL_TIMEOUT_MS, or a slow send would be claimed twice",
      });
    }
    if (env.OUTBOX_LEASE_SECONDS * 1000 < 2 * env.WEBHOOK_TIMEOUT_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["OUTBOX_LEASE_SECONDS"],
        message:
          "must be at least twice WEBHOOK_TIMEOUT_MS, or a slow receiver would be posted to twice",
      });
    }
    if (env.ACCESS_TOKEN_TTL_SECONDS >= env.REFRESH_TOKEN_TTL_SECONDS) {
      ctx.addIssue({
        code: "custom",
        path: ["ACCESS_TOKEN_TTL_SECONDS"],
        message: "must be shorter than REFRESH_TOKEN_TTL_SECONDS",
      });
    }
  });

export type Env = Omit<z.infer<typeof envSchema>, "APP_URL"> & {
  APP_URL: string;
  /** Each provider of OIDC_PROVIDERS with its OIDC_<ID>_* settings, in order. */
  oidcProviders: ProviderSettings[];
};

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses the environment once; a bad value fails with the variable's name, never its value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (as left by copying .env.example) means "use the default".
  const set = Object.entries(source).filter(
    ([, value]) => value !== undefined && value.trim() !== "",
  );
  const values = Object.fromEntries(set);
  const parsed = envSchema.safeParse(values);
  const oidc = parseOidcProviders(parsed.data?.OIDC_PROVIDERS ?? [], values);
  if (parsed.success && oidc.problems.length === 0) {
    return {
      ...parsed.data,
      APP_URL: parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`,
      oidcProviders: oidc.providers,
    };
  }
  const problems = [
    ...(parsed.error?.issues ?? []).map((issue) => `  ${issue.path.join(".")}: ${issue.message}`),
    ...oidc.problems.map((problem) => `  ${problem.name}: ${problem.message}`),
  ];
  throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
}

export function readProcessEnv(): Env {
  // biome-ignore lint/style/noProcessEnv: this module is the one place that reads the environment
  return parseEnv(process.env);
}
