import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureReason, typedClient } from "./support/client";
import { type RealServicesApp, startRealServicesApp } from "./support/real-services";
import { runAuthStory } from "./support/story";

describe("the auth story on real PostgreSQL, Redis (Upstash protocol) and Resend", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp();
  });
  afterAll(() => real?.stop());

  it("reports the real parts it runs on", () => {
    expect(real.app.output()).toMatch(/database:\s+PostgreSQL at postgresql:/);
    expect(real.app.output()).toMatch(/key store: Upstash Redis at http:\/\/127\.0\.0\.1/);
    expect(real.app.output()).toMatch(/mail:\s+Resend at http:\/\/127\.0\.0\.1/);
  });

  it("runs the whole story, keeps rotated tokens dead after Redis is emptied, and stores no key in plain", async () => {
    const story = await runAuthStory({
      url: real.app.url,
      activationLink: (email) => real.linkFor(email, /http:\/\/\S+\/activate\/[A-Za-z0-9_-]{32}/),
    });
    const first = real.resend.received()[0];
    expect(first?.body.from).toBe("Latch <auth@latch.test>");

    const direct = new pg.Client({ connectionString: real.databaseUrl });
    await direct.connect();
    const row = (
      await direct.query("SELECT password_hash, activated_at FROM users WHERE email = $1", [
        story.email,
      ])
    ).rows[0];
    await direct.end();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.activated_at).toBeInstanceOf(Date);

    const stored = await real.redis.keys(`${real.prefix}*`);
    expect(stored.some((name) => name.includes("activation"))).toBe(true);
    const key = String(first?.body.text ?? "").match(/activate\/([A-Za-z0-9_-]{32})/)?.[1] ?? "";
    expect(key).toHaveLength(32);
    expect(stored.some((name) => name.includes(key))).toBe(false);
    for (const name of stored) {
      // Plain values, and the sorted set of revoked sessions (its members are session ids).
      const value =
        (await real.redis.type(name)) === "zset"
          ? (await real.redis.zrange(name, "0", "-1")).join(" ")
          : String(await real.redis.get(name));
      expect(value).not.toContain(key);
    }

    // Empty Redis entirely for this app: PostgreSQL still refuses the rotated token.
    if (stored.length > 0) await real.redis.del(...stored);
    const client = typedClient(real.app.url);
    expect(await failureReason(client.auth.refresh.mutate({ refresh: story.stale.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
  });
});
