import { Secret, TOTP } from "otpauth";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallResult, call, typedClient, withTokens } from "./support/client";
import { cookieBrowser } from "./support/cookie-browser";
import {
  activeAccount,
  askForLoginEmail,
  loginEmailsTo,
  nthActivationKey,
  nthLoginEmail,
  outboxIdle,
  type RealServicesApp,
  sessionCountOf,
  startRealServicesApp,
} from "./support/real-services";

const password = "correct horse battery staple";
const OPERATOR_SECRET = "an-operator-secret-for-the-passwordless-suite";
let nextHost = 0;
/** A client address of its own for each call, unless a test means one client. */
const freshIp = () => `198.51.100.${(nextHost++ % 250) + 1}`;

/**
 * Logging in by email over HTTP on real PostgreSQL, Redis and the Resend SDK:
 * one email, one way in, whatever arrives at once; answers that never tell an
 * account from an unknown address; budgets a new email does not refill.
 */
describe("passwordless login, over HTTP on real services", () => {
  let real: RealServicesApp;
  let direct: pg.Client;
  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true", CRON_SECRET: OPERATOR_SECRET });
    direct = new pg.Client({ connectionString: real.databaseUrl });
    await direct.connect();
  });
  afterAll(async () => {
    await direct?.end();
    await real?.stop();
  });

  const url = () => real.app.url;
  const start = (email: string, ip = freshIp()) =>
    call(url(), "auth.passwordless.start", { input: { email }, ip });
  const verify = (input: Record<string, string>, ip = freshIp()) =>
    call(url(), "auth.passwordless.verify", { input, ip });
  const statusesOf = (results: CallResult[]) => results.map((r) => `${r.status} ${r.reason}`);

  it("answers an account and an unknown address alike; only the account is mailed a link and a code, the code not in the subject", async () => {
    const email = `pl.mail.${Date.now()}@example.com`;
    const unknown = `pl.nobody.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const [known, stranger] = [await start(email), await start(unknown)];
    expect([stranger.status, stranger.data]).toEqual([known.status, known.data]);
    const mail = await nthLoginEmail(real, email, 1);
    expect(mail.text).toContain(`${url()}/login/email/${mail.key}`);
    expect(mail.subject).not.toContain(mail.code);
    expect(mail.subject).not.toMatch(/\d{3} ?\d{3}/);
    await outboxIdle(real, OPERATOR_SECRET);
    expect(real.delivered().filter((m) => JSON.stringify(m.body.to).includes(unknown))).toEqual([]);
    // Neither the key nor the code is stored in plain form.
    const stored = await real.redis.keys(`${real.prefix}*`);
    const values = await Promise.all(
      stored.map(async (name) =>
        (await real.redis.type(name)) === "string" ? await real.redis.get(name) : "",
      ),
    );
    expect(stored.some((name) => name.includes("passwordless-login:"))).toBe(true);
    for (const text of [...stored, ...values.map((value) => String(value))]) {
      expect(text).not.toContain(mail.key);
      expect(text).not.toContain(mail.code);
    }
  });

  it("looking at the link spends nothing; of 30 parallel verifications by link and code one logs in", async () => {
    const email = `pl.race.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const { key, code } = await askForLoginEmail(real, email, freshIp());
    for (let look = 0; look < 3; look++) {
      const seen = await call(url(), "session.inspectLink", {
        method: "GET",
        input: { purpose: "passwordless-login", key },
        ip: freshIp(),
      });
      expect(seen.data).toEqual({ status: "usable", email });
      // A scanner that GETs the verification itself is refused, and spends nothing either.
      for (const procedure of ["auth.passwordless.verify", "session.passwordless.verify"]) {
        const got = await call(url(), procedure, { method: "GET", input: { key }, ip: freshIp() });
        expect(got.status).toBeGreaterThanOrEqual(400);
        expect(got.status).toBeLessThan(500);
      }
    }
    // A mail scanner fetching the page, with and without following its links, spends nothing.
    for (const agent of ["Microsoft Office/16.0 (Safe Links)", "Slackbot-LinkExpanding 1.0"]) {
      const scanned = await fetch(`${url()}/login/email/${key}`, {
        headers: { "user-agent": agent, "x-forwarded-for": freshIp() },
      });
      expect(scanned.status).toBe(200);
      expect(await scanned.text()).not.toMatch(/eyJ/);
      expect(scanned.headers.getSetCookie()).toEqual([]);
    }
    const before = await sessionCountOf(direct, email);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? verify({ key }) : verify({ email, code }))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    // 15 codes at once from one address also meet its budget of 10: the rest are refused first.
    for (const failed of results.filter((r) => r.status !== 200)) {
      expect(failed.reason).toMatch(/^(LOGIN_LINK_INVALID|LOGIN_CODE_INVALID|RATE_LIMITED)$/);
    }
    expect(await sessionCountOf(direct, email)).toBe(before + 1);
    expect((await verify({ key })).reason).toBe("LOGIN_LINK_INVALID");
  });

  it("across two servers too: 30 verifications of one email split between them give one session", async () => {
    const email = `pl.two.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const { key, code } = await askForLoginEmail(real, email, freshIp());
    const sibling = await real.startSibling({ TRUST_PROXY: "true" });
    const before = await sessionCountOf(direct, email);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(i % 2 ? url() : sibling.url, "auth.passwordless.verify", {
          input: i % 3 ? { key } : { email, code },
          ip: freshIp(),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(await sessionCountOf(direct, email)).toBe(before + 1);
  });

  it("a newer email replaces the older one's link and code", async () => {
    const email = `pl.newer.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const older = await askForLoginEmail(real, email, freshIp());
    const newer = await askForLoginEmail(real, email, freshIp());
    expect((await verify({ key: older.key })).reason).toBe("LOGIN_LINK_INVALID");
    expect((await verify({ email, code: older.code })).reason).toBe("LOGIN_CODE_INVALID");
    // A typed code may carry the space the email shows.
    const typed = `${newer.code.slice(0, 3)} ${newer.code.slice(3)}`;
    const signedIn = await verify({ email, code: typed });
    expect(signedIn.status, JSON.stringify(signedIn.error)).toBe(200);
    expect(signedIn.data).toMatchObject({ user: { email }, tokens: expect.any(Object) });
  });

  it("guessing codes answers a known address and an unknown one alike, then 429 from the address's budget; the link still works", async () => {
    const email = `pl.guess.${Date.now()}@example.com`;
    const unknown = `pl.guess.nobody.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const mail = await askForLoginEmail(real, email, freshIp());
    const wrong = String((Number(mail.code) + 1) % 1_000_000).padStart(6, "0");
    const guess = async (address: string) => {
      const results: CallResult[] = [];
      for (let i = 0; i < 12; i++) results.push(await verify({ email: address, code: wrong }));
      return results;
    };
    const known = await guess(email);
    expect(statusesOf(known)).toEqual([
      ...Array(10).fill("401 LOGIN_CODE_INVALID"),
      "429 RATE_LIMITED",
      "429 RATE_LIMITED",
    ]);
    expect(Number(known.at(-1)?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(known[0]?.error?.data?.fieldErrors).toEqual({ code: [expect.any(String)] });
    expect(statusesOf(await guess(unknown))).toEqual(statusesOf(known));
    // The right code is refused too now, from any client: the address's budget is spent.
    expect((await verify({ email, code: mail.code })).status).toBe(429);
    expect((await verify({ key: mail.key })).status).toBe(200);
  });

  it("50 wrong codes at once from 50 clients: the address's 10 are counted first, the rest 429, no login; the link still works", async () => {
    const email = `pl.burst.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const mail = await askForLoginEmail(real, email, freshIp());
    const wrong = String((Number(mail.code) + 7) % 1_000_000).padStart(6, "0");
    const results = await Promise.all(
      Array.from({ length: 50 }, () => verify({ email, code: wrong })),
    );
    // The address's 10 are counted first; no 200, and no 5xx.
    expect(results.filter((r) => r.reason === "LOGIN_CODE_INVALID")).toHaveLength(10);
    expect(results.filter((r) => r.reason === "RATE_LIMITED")).toHaveLength(40);
    expect((await verify({ email, code: mail.code })).status).not.toBe(200);
    expect((await verify({ key: mail.key })).status).toBe(200);
  });

  it("sends at most 5 login emails to one address an hour, asked 1,000 times from 1,000 clients, each answered 'sent'", async () => {
    const email = `pl.flood.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const answers: CallResult[] = [];
    for (let wave = 0; wave < 20; wave++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            // One /64 each: a client is its IPv6 /64.
            start(email, `2001:db8:${(wave * 50 + i).toString(16)}::1`),
          ),
        )),
      );
    }
    expect(answers.filter((r) => r.status === 200 && r.reason === null)).toHaveLength(1000);
    await outboxIdle(real, OPERATOR_SECRET);
    expect(loginEmailsTo(real, email)).toHaveLength(5);
    // The refused asks spent none of the address's quota of all emails: a reset still goes out.
    expect(
      (await call(url(), "auth.requestPasswordReset", { input: { email }, ip: freshIp() })).status,
    ).toBe(200);
    await real.linkFor(email, /\/reset-password\/[A-Za-z0-9_-]{32}/);
  });

  it("each client may ask 10 times an hour", async () => {
    const ip = "203.0.113.77";
    const results: CallResult[] = [];
    for (let i = 0; i < 11; i++) results.push(await start(`pl.client.${i}@example.com`, ip));
    expect(statusesOf(results)).toEqual([...Array(10).fill("200 null"), "429 RATE_LIMITED"]);
  });

  it("a squatter's pre-registered account: the owner's login email activates it and the squatter's password dies", async () => {
    const email = `pl.squat.${Date.now()}@example.com`;
    const squatterPassword = "the squatter's own passphrase";
    expect(
      (await call(url(), "auth.signup", { input: { email, password: squatterPassword } })).status,
    ).toBe(200);
    const { key } = await askForLoginEmail(real, email, freshIp());
    const owner = await verify({ key });
    expect(owner.status, JSON.stringify(owner.error)).toBe(200);
    const squatter = await call(url(), "auth.login", {
      input: { email, password: squatterPassword },
      ip: freshIp(),
    });
    expect(squatter.reason).toBe("INVALID_CREDENTIALS");
    // And the activation link the squatter's signup mailed is dead.
    const activationKey = await nthActivationKey(real, email, 1);
    const late = await call(url(), "auth.activate", {
      input: { key: activationKey, password: squatterPassword },
      ip: freshIp(),
    });
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.status).toBeLessThan(500);
  });

  it("never skips the second factor: an account with TOTP gets a ticket, not tokens", async () => {
    const email = `pl.mfa.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const client = typedClient(url());
    const { tokens } = withTokens(await client.auth.login.mutate({ email, password }));
    const account = typedClient(url(), () => tokens.access);
    const { secret } = await account.auth.mfa.totp.begin.mutate({ password });
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    await account.auth.mfa.totp.confirm.mutate({ code });
    const { key } = await askForLoginEmail(real, email, freshIp());
    const result = await verify({ key });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      status: "second_factor_required",
      ticket: expect.any(String),
    });
    expect(JSON.stringify(result.data)).not.toMatch(/eyJ/);
  });

  it("the browser procedure sets the session cookies, and refuses another origin", async () => {
    const email = `pl.browser.${Date.now()}@example.com`;
    await activeAccount(real, email, password);
    const { key } = await askForLoginEmail(real, email, freshIp());
    const elsewhere = await fetch(`${url()}/api/trpc/session.passwordless.verify`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "https://evil.example",
        "x-forwarded-for": freshIp(),
      },
      body: JSON.stringify({ key }),
    });
    expect(elsewhere.status).toBe(403);
    expect(
      ((await elsewhere.json()) as { error: { data: { reason: string } } }).error.data.reason,
    ).toBe("ORIGIN_NOT_ALLOWED");
    const browser = cookieBrowser(url(), freshIp());
    const response = await browser.go(`${url()}/api/trpc/session.passwordless.verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key }),
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).not.toMatch(/eyJ/);
    expect(response.headers.getSetCookie().join("\n")).toMatch(/HttpOnly/i);
    const current = await browser.go(`${url()}/api/trpc/session.current`);
    expect(await current.json()).toMatchObject({ result: { data: { user: { email } } } });
  });

  it("bad input gets 400 with a reason and a field, never a 500", async () => {
    for (const input of <Record<string, string>[]>[
      { email: "pl.bad@example.com", code: "12345" },
      { email: "pl.bad@example.com", code: "abcdef" },
      { email: "pl.bad@example.com" },
      { key: "too-short" },
      { key: "A".repeat(32), email: "pl.bad@example.com", code: "123456" },
    ]) {
      const result = await verify(input);
      expect(result.status, JSON.stringify(input)).toBe(400);
      expect(result.reason).toBe("INVALID_INPUT");
      expect(Object.keys(result.error?.data?.fieldErrors ?? {}).length).toBeGreaterThan(0);
    }
    expect((await start("not an address")).status).toBe(400);
  });
});
