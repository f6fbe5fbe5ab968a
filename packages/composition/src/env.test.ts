import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, envSchema, parseEnv } from "./env";

describe("configuration", () => {
  it("lists every variable it reads in .env.example, with its default", () => {
    const example = readFileSync(join(import.meta.dirname, "../../../.env.example"), "utf8");
    const listed = new Map(
      example
        .split("\n")
        .filter((line) => /^[A-Z0-9_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    const defaults = parseEnv({});
    for (const name of Object.keys(envSchema.shape)) {
      expect(listed.has(name), `${name} is missing from .env.example`).toBe(true);
      const value = listed.get(name);
      const fallback = defaults[name as keyof typeof defaults];
      if (value && typeof fallback !== "undefined" && name !== "NODE_ENV") {
        expect(String(fallback), `${name}'s default in .env.example`).toBe(value);
      }
    }
  });

  it("scales limits and caps sessions by default as documented", () => {
    expect(parseEnv({})).toMatchObject({
      RATE_LIMIT_SCALE: 1,
      LOGINS_PER_CLIENT_PER_MINUTE: 20,
      SIGNUPS_PER_CLIENT_PER_HOUR: 10,
      KEY_CHECKS_PER_CLIENT_PER_MINUTE: 30,
      LOGIN_FAILURES_PER_ADDRESS_PER_DAY: 100,
      EMAIL_BUDGET_PER_HOUR: 1000,
      SESSION_MAX_LIFETIME_SECONDS: 2_592_000,
    });
    expect(() => parseEnv({ RATE_LIMIT_SCALE: "0" })).toThrow(/RATE_LIMIT_SCALE/);
  });

  it("fills every default from an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      APP_URL: "http://localhost:3000",
      ACTIVATION_KEY_TTL_SECONDS: 900,
      ACTIVATION_REFRESH_WINDOW_SECONDS: 604_800,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 86_400,
      ARGON2_MEMORY_KIB: 19_456,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty variables, as copied from .env.example, as unset", () => {
    expect(
      parseEnv({ DATABASE_URL: "", ALLOW_EMBEDDED_SERVICES: " " }).DATABASE_URL,
    ).toBeUndefined();
  });

  it.each([
    ["ACTIVATION_KEY_TTL_SECONDS", { ACTIVATION_KEY_TTL_SECONDS: "soon" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/x" }],
    ["AUTH_SECRET", { AUTH_SECRET: "tiny-s3cret" }],
    ["ARGON2_MEMORY_KIB", { ARGON2_MEMORY_KIB: "1024" }],
    ["UPSTASH_REDIS_REST_TOKEN", { UPSTASH_REDIS_REST_URL: "https://x.upstash.io" }],
    ["ACCESS_TOKEN_TTL_SECONDS", { ACCESS_TOKEN_TTL_SECONDS: "90000" }],
    ["ALLOW_EMBEDDED_SERVICES", { ALLOW_EMBEDDED_SERVICES: "yes" }],
    ["BREACHED_PASSWORD_API_URL", { BREACHED_PASSWORD_API_URL: "ftp://range.example" }],
    ["BREACHED_PASSWORD_ON_ERROR", { BREACHED_PASSWORD_API_URL: "https://range.example" }],
    [
      "BREACHED_PASSWORD_ON_ERROR",
      { BREACHED_PASSWORD_API_URL: "https://range.example", BREACHED_PASSWORD_ON_ERROR: "maybe" },
    ],
    ["BREACHED_PASSWORD_TIMEOUT_MS", { BREACHED_PASSWORD_TIMEOUT_MS: "-5" }],
    ["WEBHOOK_ALLOW_PRIVATE_NETWORKS", { WEBHOOK_ALLOW_PRIVATE_NETWORKS: "yes-please" }],
    ["WEBHOOK_TIMEOUT_MS", { WEBHOOK_TIMEOUT_MS: "50" }],
    ["OUTBOX_LEASE_SECONDS", { OUTBOX_LEASE_SECONDS: "15", WEBHOOK_TIMEOUT_MS: "10000" }],
  ])("names %s when its value is bad, without echoing secrets", (name, source) => {
    let message = "";
    try {
      parseEnv(source);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain(name);
    for (const value of Object.values(source)) expect(message).not.toContain(value);
  });

  it("leaves the breached-password check off unless a URL is set", () => {
    const env = parseEnv({});
    expect(env.BREACHED_PASSWORD_API_URL).toBeUndefined();
    expect(env.BREACHED_PASSWORD_TIMEOUT_MS).toBe(1500);
    expect(
      parseEnv({
        BREACHED_PASSWORD_API_URL: "https://api.pwnedpasswords.com/",
        BREACHED_PASSWORD_ON_ERROR: "closed",
      }),
    ).toMatchObject({
      BREACHED_PASSWORD_API_URL: "https://api.pwnedpasswords.com",
      BREACHED_PASSWORD_ON_ERROR: "closed",
    });
  });

  it("refuses webhooks to private networks and gives each attempt 5 s unless told otherwise", () => {
    expect(parseEnv({})).toMatchObject({
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
      WEBHOOK_TIMEOUT_MS: 5000,
    });
    expect(
      parseEnv({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true", WEBHOOK_TIMEOUT_MS: "800" }),
    ).toMatchObject({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: true, WEBHOOK_TIMEOUT_MS: 800 });
  });

  it("keeps audit events 400 days unless told otherwise, and refuses a retention of none", () => {
    expect(parseEnv({}).AUDIT_RETENTION_DAYS).toBe(400);
    expect(parseEnv({ AUDIT_RETENTION_DAYS: "90" }).AUDIT_RETENTION_DAYS).toBe(90);
    expect(() => parseEnv({ AUDIT_RETENTION_DAYS: "0" })).toThrow(/AUDIT_RETENTION_DAYS/);
  });

  it("derives APP_URL from PORT when it is unset", () => {
    expect(parseEnv({ PORT: "3100" }).APP_URL).toBe("http://localhost:3100");
  });

  it("reads CORS_ORIGINS as a list of origins and refuses anything with a path or another scheme", () => {
    expect(parseEnv({}).CORS_ORIGINS).toEqual([]);
    expect(
      parseEnv({ CORS_ORIGINS: "https://app.example.com, http://localhost:5173" }).CORS_ORIGINS,
    ).toEqual(["https://app.example.com", "http://localhost:5173"]);
    expect(() => parseEnv({ CORS_ORIGINS: "https://app.example.com/" })).toThrow(/CORS_ORIGINS/);
    expect(() => parseEnv({ CORS_ORIGINS: "*" })).toThrow(/CORS_ORIGINS/);
    expect(() => parseEnv({ CORS_ORIGINS: "ftp://app.example.com" })).toThrow(/CORS_ORIGINS/);
  });

  it("strips a trailing slash from APP_URL so links never hold //", () => {
    expect(parseEnv({ APP_URL: "https://auth.example.com/" }).APP_URL).toBe(
      "https://auth.example.com",
    );
  });
});
