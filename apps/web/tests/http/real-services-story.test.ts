import { generateSigningKey } from "@latch/auth";
import { migrate } from "@latch/db/migrate";
import { startUpstashBridge } from "@latch/keystore/bridge";
import { startRecordingResendServer } from "@latch/mail/testing";
import { Redis as IORedis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServices } from "../../../../scripts/test/services";
import { type RunningApp, startApp } from "./support/app";
import { failureReason, typedClient } from "./support/client";
import { runAuthStory } from "./support/story";

/**
 * The same story on real parts: PostgreSQL through Prisma, real Redis behind
 * the real Upstash client (via the local REST endpoint), and the real Resend
 * SDK pointed at a local endpoint that records what it receives. Production
 * mode without ALLOW_EMBEDDED_SERVICES, so nothing embedded can sneak in.
 */
describe("the auth story on real PostgreSQL, Redis (Upstash protocol) and Resend", () => {
  const suffix = `${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const database = `latch_http_${suffix}`;
  const prefix = `latch-test-${suffix}:`;
  const admin = new pg.Client({ connectionString: testServices.postgresUrl });
  const redis = new IORedis(testServices.redisUrl, { lazyConnect: true });
  let app: RunningApp;
  let bridge: Awaited<ReturnType<typeof startUpstashBridge>>;
  let resend: Awaited<ReturnType<typeof startRecordingResendServer>>;

  const databaseUrl = () => {
    const url = new URL(testServices.postgresUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };

  beforeAll(async () => {
    await admin.connect();
    await redis.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await migrate(databaseUrl());
    bridge = await startUpstashBridge({ redisUrl: testServices.redisUrl, token: "bridge-token" });
    resend = await startRecordingResendServer({ apiKey: "re_test_key" });
    const signingKey = await generateSigningKey();
    app = await startApp({
      DATABASE_URL: databaseUrl(),
      UPSTASH_REDIS_REST_URL: bridge.url,
      UPSTASH_REDIS_REST_TOKEN: "bridge-token",
      KEY_STORE_PREFIX: prefix,
      RESEND_API_KEY: "re_test_key",
      RESEND_BASE_URL: resend.url,
      EMAIL_FROM: "Latch <auth@latch.test>",
      AUTH_SECRET: "a-real-secret-that-is-long-enough-0123456789",
      JWT_PRIVATE_KEY: JSON.stringify(signingKey.privateJwk),
    });
  });

  afterAll(async () => {
    await app?.stop();
    await bridge?.close();
    await resend?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it("reports the real parts it runs on", () => {
    expect(app.output()).toMatch(/database:\s+PostgreSQL at postgresql:/);
    expect(app.output()).toMatch(/key store: Upstash Redis at http:\/\/127\.0\.0\.1/);
    expect(app.output()).toMatch(/mail:\s+Resend at http:\/\/127\.0\.0\.1/);
  });

  it("runs the whole story, keeps rotated tokens dead after Redis is emptied, and stores no key in plain", async () => {
    const story = await runAuthStory({
      url: app.url,
      activationLink: async (email) => {
        const message = await resend.waitFor(
          (m) => m.body.to === email || (Array.isArray(m.body.to) && m.body.to.includes(email)),
          10_000,
        );
        expect(message.body.from).toBe("Latch <auth@latch.test>");
        const text = String(message.body.text ?? "");
        return text.match(/http:\/\/\S+\/activate\/[A-Za-z0-9_-]{32}/)?.[0] ?? "";
      },
    });

    const direct = new pg.Client({ connectionString: databaseUrl() });
    await direct.connect();
    const row = (
      await direct.query("SELECT password_hash, activated_at FROM users WHERE email = $1", [
        story.email,
      ])
    ).rows[0];
    await direct.end();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.activated_at).toBeInstanceOf(Date);

    const stored = await redis.keys(`${prefix}*`);
    expect(stored.some((name) => name.includes("activation"))).toBe(true);
    const firstEmail = String(resend.received()[0]?.body.text ?? "");
    const key = firstEmail.match(/activate\/([A-Za-z0-9_-]{32})/)?.[1] ?? "";
    expect(key).toHaveLength(32);
    expect(stored.some((name) => name.includes(key))).toBe(false);

    // Empty Redis entirely for this app: PostgreSQL still refuses the rotated token.
    if (stored.length > 0) await redis.del(...stored);
    const client = typedClient(app.url);
    expect(await failureReason(client.auth.refresh.mutate({ refresh: story.stale.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
  });
});
