import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "./support/app";
import { call } from "./support/client";
import { activeAccount, type RealServicesApp, startRealServicesApp } from "./support/real-services";

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, "../../../..");
const password = "correct horse battery staple";
let client = 0;
const nextIp = () => `198.51.100.${(client++ % 250) + 1}`;

interface Tokens {
  access: string;
  refresh: string;
}

/** Every admin.* procedure with an input it accepts: each must refuse a non-admin alike. */
const adminCalls = (userId: string) =>
  [
    ["admin.users.list", "GET", {}],
    ["admin.users.get", "GET", { userId }],
    ["admin.users.ban", "POST", { userId, reason: "test" }],
    ["admin.users.unban", "POST", { userId }],
    ["admin.users.endSessions", "POST", { userId }],
    ["admin.users.resendActivation", "POST", { userId }],
    ["admin.users.delete", "POST", { userId }],
    ["admin.audit.list", "GET", {}],
  ] as const;

/**
 * The admin side on the production build, on real PostgreSQL and Redis, with
 * two servers: the role only comes from `pnpm admin:grant`, non-admins are
 * refused (and audited), and a ban ends the account's sessions on both at once.
 */
describe("admin procedures over HTTP", () => {
  let real: RealServicesApp;
  let other: RunningApp;
  let db: pg.Client;

  beforeAll(async () => {
    real = await startRealServicesApp({
      TRUST_PROXY: "true",
      RATE_LIMIT_SCALE: "100",
      OUTBOX_POLL_INTERVAL_MS: "100",
    });
    other = await real.startSibling();
    db = new pg.Client({ connectionString: real.databaseUrl });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await real?.stop();
  });

  async function signedIn(email: string, url = real.app.url): Promise<Tokens> {
    const login = await call(url, "auth.login", { input: { email, password }, ip: nextIp() });
    if (login.status !== 200) throw new Error(`login of ${email}: ${login.reason}`);
    return (login.data as { tokens: Tokens }).tokens;
  }

  /** `pnpm admin:grant|revoke <email>` with the app's own configuration, as an operator runs it. */
  const adminScript = (action: "grant" | "revoke", email: string) =>
    run("pnpm", [`admin:${action}`, email], {
      cwd: repoRoot,
      env: { ...process.env, ...real.env, NODE_ENV: "production" },
    });

  const userIdOf = async (email: string) =>
    (await db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email])).rows[0]
      ?.id ?? "";

  async function newAdmin(): Promise<Tokens> {
    const email = `admin.${Date.now()}.${client}@example.com`;
    await activeAccount(real, email, password);
    await adminScript("grant", email);
    return signedIn(email);
  }

  it("makes and unmakes an admin only through pnpm admin:grant and admin:revoke", async () => {
    const email = `operator.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const tokens = await signedIn(email);
    const listed = () =>
      call(real.app.url, "admin.users.list", {
        method: "GET",
        input: {},
        accessToken: tokens.access,
      });
    expect((await listed()).reason).toBe("ADMIN_ONLY");

    const granted = await adminScript("grant", email.toUpperCase());
    expect(granted.stdout).toContain(`${email} is now an admin`);
    expect((await listed()).status).toBe(200);

    await adminScript("revoke", email);
    // The same access token: the role is read on every call, so the revocation holds at once.
    expect((await listed()).reason).toBe("ADMIN_ONLY");

    await expect(adminScript("grant", "nobody@example.com")).rejects.toMatchObject({
      stderr: expect.stringContaining("no account has the address nobody@example.com"),
    });
    const { rows } = await db.query<{ type: string }>(
      "SELECT type FROM audit_events WHERE user_id = $1 AND type LIKE 'admin.role.%' ORDER BY id",
      [await userIdOf(email)],
    );
    expect(rows.map((row) => row.type)).toEqual(["admin.role.granted", "admin.role.revoked"]);
  });

  it("answers 401 without a session and 403 ADMIN_ONLY to a non-admin, on every admin procedure", async () => {
    const email = `curious.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const tokens = await signedIn(email);
    const userId = await userIdOf(email);
    for (const [procedure, method, input] of adminCalls(userId)) {
      const anonymous = await call(real.app.url, procedure, { method, input });
      expect([procedure, anonymous.status, anonymous.reason]).toEqual([
        procedure,
        401,
        "ACCESS_TOKEN_MISSING",
      ]);
      const refused = await call(real.app.url, procedure, {
        method,
        input,
        accessToken: tokens.access,
      });
      expect([procedure, refused.status, refused.reason]).toEqual([procedure, 403, "ADMIN_ONLY"]);
    }
    // Nothing the refused calls asked for happened, and each refusal is on record.
    const { rows } = await db.query<{ banned_at: Date | null }>(
      "SELECT banned_at FROM users WHERE id = $1",
      [userId],
    );
    expect(rows[0]?.banned_at).toBeNull();
    const denied = await db.query<{ procedure: string }>(
      "SELECT detail->>'procedure' AS procedure FROM audit_events WHERE user_id = $1 AND type = 'admin.denied'",
      [userId],
    );
    expect(denied.rows.map((row) => row.procedure).sort()).toEqual(
      adminCalls(userId)
        .map(([procedure]) => procedure)
        .sort(),
    );
  });

  it("bans: the account's sessions end at once on both servers, and every way back is refused", async () => {
    const admin = await newAdmin();
    const email = `banned.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const onA = await signedIn(email, real.app.url);
    const onB = await signedIn(email, other.url);
    const userId = await userIdOf(email);
    for (const [url, tokens] of [
      [real.app.url, onA],
      [other.url, onB],
    ] as const) {
      expect(
        (await call(url, "auth.me", { method: "GET", accessToken: tokens.access })).status,
      ).toBe(200);
    }

    const banned = await call(other.url, "admin.users.ban", {
      input: { userId, reason: "chargeback fraud" },
      accessToken: admin.access,
      ip: "203.0.113.50",
    });
    expect(banned).toMatchObject({ status: 200, data: { sessionsEnded: expect.any(Number) } });
    expect((banned.data as { sessionsEnded: number }).sessionsEnded).toBeGreaterThanOrEqual(2);

    // At once, on both servers, for the tokens issued by either.
    for (const url of [real.app.url, other.url]) {
      for (const tokens of [onA, onB]) {
        const me = await call(url, "auth.me", { method: "GET", accessToken: tokens.access });
        expect(me.reason).toBe("SESSION_REVOKED");
      }
    }
    expect(
      (await call(real.app.url, "auth.refresh", { input: { refresh: onA.refresh } })).reason,
    ).toBe("ACCOUNT_BANNED");
    const again = await call(real.app.url, "auth.login", {
      input: { email, password },
      ip: nextIp(),
    });
    expect([again.status, again.reason]).toEqual([403, "ACCOUNT_BANNED"]);
    const guess = await call(real.app.url, "auth.login", {
      input: { email, password: "not the password at all" },
      ip: nextIp(),
    });
    expect(guess.reason).toBe("INVALID_CREDENTIALS");

    const { rows } = await db.query<{ actor_id: string; ip: string; detail: { reason: string } }>(
      "SELECT actor_id::text, ip, detail FROM audit_events WHERE user_id = $1 AND type = 'admin.user.banned'",
      [userId],
    );
    expect(rows).toEqual([
      {
        actor_id: expect.any(String),
        ip: "203.0.113.0/24",
        detail: expect.objectContaining({ reason: "chargeback fraud" }),
      },
    ]);
    const live = await db.query(
      "SELECT 1 FROM sessions WHERE user_id = $1 AND revoked_at IS NULL",
      [userId],
    );
    expect(live.rowCount).toBe(0);

    const unbanned = await call(real.app.url, "admin.users.unban", {
      input: { userId },
      accessToken: admin.access,
    });
    expect(unbanned.status).toBe(200);
    expect((await signedIn(email)).access).toBeTruthy();
  });

  it("refuses a ban of an account that does not exist, leaving no event", async () => {
    const admin = await newAdmin();
    const userId = crypto.randomUUID();
    const refused = await call(real.app.url, "admin.users.ban", {
      input: { userId, reason: "nobody" },
      accessToken: admin.access,
    });
    expect([refused.status, refused.reason]).toEqual([404, "USER_NOT_FOUND"]);
    const { rowCount } = await db.query("SELECT 1 FROM audit_events WHERE user_id = $1", [userId]);
    expect(rowCount).toBe(0);
    const past = await call(real.app.url, "admin.users.ban", {
      input: { userId, reason: "x", until: "2001-01-01T00:00:00Z" },
      accessToken: admin.access,
    });
    expect([past.status, past.reason]).toEqual([400, "INVALID_INPUT"]);
  });

  it("finds users by address and pages the audit log, with no secret anywhere in it", async () => {
    const admin = await newAdmin();
    const email = `findme.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const tokens = await signedIn(email);
    const found = await call(real.app.url, "admin.users.list", {
      method: "GET",
      input: { query: "FINDME." },
      accessToken: admin.access,
    });
    expect((found.data as { users: { email: string; status: string }[] }).users).toEqual([
      expect.objectContaining({ email, status: "active" }),
    ]);
    const audit = await call(real.app.url, "admin.audit.list", {
      method: "GET",
      input: { type: "admin.users.listed" },
      accessToken: admin.access,
    });
    expect((audit.data as { events: unknown[] }).events.length).toBeGreaterThan(0);

    const { rows } = await db.query<{ row: string }>(
      "SELECT row_to_json(a)::text AS row FROM audit_events a",
    );
    const everything = rows.map((row) => row.row).join("\n");
    for (const secret of [password, tokens.access, tokens.refresh, admin.refresh, "$argon2"]) {
      expect(everything).not.toContain(secret);
    }
  });
});
