import { type FakeRangeServer, sha1Hex, startFakeRangeServer } from "@latch/fake-pwned-range";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RawResponse, raw, typedClient, withTokens } from "./support/client";
import { type RealServicesApp, startRealServicesApp } from "./support/real-services";

const password = "correct horse battery staple";
/** What the fake range API reports as breached: long and absent from the common list. */
const BREACHED = "a passphrase that leaked long ago";
const COMMON = ["password", "12345678", "qwertyuiop", "iloveyou", "password1"];

interface Refusal {
  status: number;
  reason: string | undefined;
  fieldErrors: Record<string, string[]>;
}

function refusal(response: RawResponse): Refusal {
  const data = (response.json as { error?: { data?: Record<string, unknown> } } | null)?.error
    ?.data;
  return {
    status: response.status,
    reason: typeof data?.reason === "string" ? data.reason : undefined,
    fieldErrors: (data?.fieldErrors as Record<string, string[]> | undefined) ?? {},
  };
}

let serial = 0;
const newEmail = (label: string) => `${label}.${Date.now()}.${serial++}@example.com`;

/**
 * The rules a new password and an address must pass, on the production build
 * with real PostgreSQL, Redis and Resend, and the breached-password check
 * switched on (fail closed) against a local range API.
 */
describe("password and address rules over HTTP on real services", () => {
  let real: RealServicesApp;
  let range: FakeRangeServer;
  let db: pg.Client;

  const post = (procedure: string, input: unknown, headers: Record<string, string> = {}) =>
    raw(real.app.url, {
      path: `/api/trpc/${procedure}`,
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      // JSON.stringify escapes a lone surrogate as \udXXX, so it reaches the server intact.
      body: JSON.stringify(input),
    });

  beforeAll(async () => {
    range = await startFakeRangeServer({ breached: [BREACHED] });
    real = await startRealServicesApp({
      BREACHED_PASSWORD_API_URL: range.url,
      BREACHED_PASSWORD_ON_ERROR: "closed",
      BREACHED_PASSWORD_TIMEOUT_MS: "3000",
      // Every request here comes from one client; the per-client limits are not what is tested.
      RATE_LIMIT_SCALE: "100",
    });
    db = new pg.Client({ connectionString: real.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await real?.stop();
    await range?.close();
  });

  /** Signup registers after it answers; its activation email says the account exists. */
  const registered = (email: string) => real.linkFor(email, /\/activate\/[A-Za-z0-9_-]{32}/);

  /** Activated in the database directly: these tests are about passwords, not activation. */
  async function activeAccount(email: string): Promise<void> {
    await typedClient(real.app.url).auth.signup.mutate({ email, password });
    await registered(email);
    const updated = await db.query("UPDATE users SET activated_at = now() WHERE email = $1", [
      email,
    ]);
    expect(updated.rowCount).toBe(1);
  }

  it("says at startup that the breached-password check is on and fails closed", () => {
    expect(real.app.output()).toMatch(/passwords: .*breached-password check at .*fails closed/);
  });

  it.each(COMMON)("refuses %j at signup as too common, on the password field", async (common) => {
    const email = newEmail("common");
    const answer = refusal(await post("auth.signup", { email, password: common }));
    expect(answer).toMatchObject({ status: 400, reason: "PASSWORD_TOO_COMMON" });
    expect(answer.fieldErrors.password?.[0]).toMatch(/too common/);
  });

  it("compares without regard to case: PassWord1 is as common as password1", async () => {
    const answer = refusal(
      await post("auth.signup", { email: newEmail("case"), password: "PassWord1" }),
    );
    expect(answer).toMatchObject({ status: 400, reason: "PASSWORD_TOO_COMMON" });
  });

  it("accepts an uncommon password and asks the range API only for a 5-digit hash prefix", async () => {
    const email = newEmail("fine");
    const before = range.requests().length;
    const answer = await post("auth.signup", { email, password });
    expect(answer.status, answer.text).toBe(200);
    await registered(email);
    const asked = range.requests().slice(before);
    expect(asked.map((request) => request.path)).toEqual([
      `/range/${sha1Hex(password).slice(0, 5)}`,
    ]);
    expect(asked[0]?.headers["add-padding"]).toBe("true");
  });

  it("refuses a password the range API lists as breached, on the password field", async () => {
    const email = newEmail("breached");
    const answer = refusal(await post("auth.signup", { email, password: BREACHED }));
    expect(answer).toMatchObject({ status: 400, reason: "PASSWORD_BREACHED" });
    expect(answer.fieldErrors.password?.[0]).toMatch(/data breach/);
  });

  it("answers 503 SERVICE_UNAVAILABLE while the range API fails, as fail-closed says", async () => {
    const email = newEmail("down");
    range.setMode("error");
    try {
      const answer = refusal(await post("auth.signup", { email, password }));
      expect(answer).toMatchObject({ status: 503, reason: "SERVICE_UNAVAILABLE" });
    } finally {
      range.setMode("normal");
    }
    expect((await post("auth.signup", { email, password })).status).toBe(200);
  });

  it("refuses a common password at reset without spending the reset link", async () => {
    const email = newEmail("reset");
    await activeAccount(email);
    await typedClient(real.app.url).auth.requestPasswordReset.mutate({ email });
    const key =
      (await real.linkFor(email, /\/reset-password\/[A-Za-z0-9_-]{32}/)).split("/").pop() ?? "";

    const answer = refusal(await post("auth.resetPassword", { key, password: "password1" }));
    expect(answer).toMatchObject({ status: 400, reason: "PASSWORD_TOO_COMMON" });
    expect(answer.fieldErrors.password?.[0]).toMatch(/too common/);

    const reset = await post("auth.resetPassword", { key, password: "a much rarer password" });
    expect(reset.status, reset.text).toBe(200);
  });

  it("refuses a common new password at changePassword, on the newPassword field", async () => {
    const email = newEmail("change");
    await activeAccount(email);
    const { tokens } = withTokens(
      await typedClient(real.app.url).auth.login.mutate({ email, password }),
    );
    const answer = refusal(
      await post(
        "auth.changePassword",
        { currentPassword: password, newPassword: "iloveyou" },
        { authorization: `Bearer ${tokens.access}` },
      ),
    );
    expect(answer).toMatchObject({ status: 400, reason: "PASSWORD_TOO_COMMON" });
    expect(answer.fieldErrors.newPassword?.[0]).toMatch(/too common/);
    // The old password still works: nothing changed.
    await typedClient(real.app.url).auth.login.mutate({ email, password });
  });

  it.each([
    ["a lone high surrogate", "abcdefgh\uD800"],
    ["another lone high surrogate", "abcdefgh\uDBFF"],
    ["a lone low surrogate", "\uDC00abcdefgh"],
  ])("refuses a password with %s at signup and login as INVALID_INPUT", async (_, broken) => {
    const email = newEmail("surrogate");
    const signup = refusal(await post("auth.signup", { email, password: broken }));
    expect(signup).toMatchObject({ status: 400, reason: "INVALID_INPUT" });
    expect(signup.fieldErrors.password?.[0]).toMatch(/surrogate/);
    const login = refusal(await post("auth.login", { email, password: broken }));
    expect(login).toMatchObject({ status: 400, reason: "INVALID_INPUT" });
    expect(login.fieldErrors.password?.[0]).toMatch(/surrogate/);
  });

  it("accepts a password whose surrogates come in pairs (an emoji)", async () => {
    const answer = await post("auth.signup", {
      email: newEmail("emoji"),
      password: "locked \uD83D\uDD12 tight",
    });
    expect(answer.status, answer.text).toBe(200);
  });

  it("refuses a 65-octet local part and a 255-octet address; accepts 64 and 254", async () => {
    const domain254 = `${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(63)}.com`; // 189 octets
    const cases = [
      { email: `${"a".repeat(65)}@example.com`, accepted: false },
      { email: `${"a".repeat(64)}@example.com`, accepted: true },
      { email: `${"e".repeat(64)}@${domain254}x`, accepted: false },
      { email: `${"f".repeat(64)}@${domain254}`, accepted: true },
    ];
    expect(cases.map((c) => c.email.length)).toEqual([77, 76, 255, 254]);
    for (const { email, accepted } of cases) {
      const response = await post("auth.signup", { email, password });
      if (accepted) {
        expect(response.status, response.text).toBe(200);
      } else {
        const answer = refusal(response);
        expect(answer, email).toMatchObject({ status: 400, reason: "INVALID_INPUT" });
        expect(answer.fieldErrors.email?.[0]).toMatch(/too long/);
      }
    }
  });
});
