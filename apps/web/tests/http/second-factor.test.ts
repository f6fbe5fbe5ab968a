import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, failureReason, typedClient, withTokens } from "./support/client";
import { type RealServicesApp, startRealServicesApp } from "./support/real-services";

const password = "correct horse battery staple";

/** What an authenticator app shows for `secret`, `offsetSteps` steps from now. */
const codeOf = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

/** Waits until the app shows a code of a step no earlier code used (each is accepted once). */
async function nextCode(secret: string, used: Set<string>): Promise<string> {
  for (;;) {
    const code = codeOf(secret);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Enrolment, login and recovery over HTTP, against the production build on real services. */
describe("two-step login on real PostgreSQL and Redis", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true" });
  });
  afterAll(() => real?.stop());

  async function activeAccount(email: string) {
    const client = typedClient(real.app.url);
    await client.auth.signup.mutate({ email, password });
    const link = await real.linkFor(email, /\/activate\/[A-Za-z0-9_-]{32}/);
    return client.auth.activate.mutate({ key: link.split("/").pop() ?? "", password });
  }

  const subjects = (email: string) =>
    real
      .delivered()
      .filter((entry) => JSON.stringify(entry.body.to).includes(email))
      .map((entry) => String(entry.body.subject));

  it("enrols, then asks every login for a code: a computed one signs in, a recovery code once", async () => {
    const email = `mfa.${Date.now()}@example.com`;
    const ip = "198.51.100.61";
    const { tokens } = await activeAccount(email);
    const account = typedClient(real.app.url, () => tokens.access);
    const used = new Set<string>();

    expect(await account.auth.mfa.status.query()).toMatchObject({ enabled: false });
    expect(await failureReason(account.auth.mfa.totp.begin.mutate({ password: "not it" }))).toBe(
      "INVALID_CREDENTIALS",
    );
    const { secret, otpauthUri } = await account.auth.mfa.totp.begin.mutate({ password });
    expect(otpauthUri).toContain(`secret=${secret}`);
    const { recoveryCodes } = await account.auth.mfa.totp.confirm.mutate({
      code: await nextCode(secret, used),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(await account.auth.mfa.status.query()).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    await expect
      .poll(() => subjects(email).join("\n"), { timeout: 10_000 })
      .toMatch(/two-step login was turned on/);
    await account.auth.logout.mutate({ refresh: tokens.refresh });

    // The password alone now earns a ticket, not tokens.
    const first = await call(real.app.url, "auth.login", { input: { email, password }, ip });
    expect(first.status).toBe(200);
    expect(first.data).toEqual({
      status: "second_factor_required",
      ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      methods: ["totp", "recovery_code"],
    });
    const { ticket } = first.data as { ticket: string };
    const wrong = await call(real.app.url, "auth.completeLogin", {
      input: { ticket, code: "000000" },
      ip,
    });
    expect([wrong.status, wrong.reason]).toEqual([401, "SECOND_FACTOR_INVALID"]);
    const code = await nextCode(secret, used);
    const done = await call(real.app.url, "auth.completeLogin", { input: { ticket, code }, ip });
    expect(done.status).toBe(200);
    const signedIn = done.data as { user: { email: string }; tokens: { access: string } };
    expect(signedIn.user.email).toBe(email);
    const me = await call(real.app.url, "auth.me", {
      method: "GET",
      accessToken: signedIn.tokens.access,
    });
    expect(me.status).toBe(200);
    // The ticket is spent, and the code with it.
    const again = await call(real.app.url, "auth.completeLogin", { input: { ticket, code }, ip });
    expect(again.reason).toBe("LOGIN_TICKET_INVALID");
    const second = await call(real.app.url, "auth.login", { input: { email, password }, ip });
    const { ticket: ticket2 } = second.data as { ticket: string };
    const replay = await call(real.app.url, "auth.completeLogin", {
      input: { ticket: ticket2, code },
      ip,
    });
    expect(replay.reason).toBe("SECOND_FACTOR_INVALID");

    // A recovery code signs in once; its use is mailed.
    const recoveryCode = recoveryCodes[0] ?? "";
    const recovered = await call(real.app.url, "auth.completeLogin", {
      input: { ticket: ticket2, recoveryCode },
      ip,
    });
    expect(recovered.status).toBe(200);
    const third = await call(real.app.url, "auth.login", { input: { email, password }, ip });
    const reused = await call(real.app.url, "auth.completeLogin", {
      input: { ticket: (third.data as { ticket: string }).ticket, recoveryCode },
      ip,
    });
    expect(reused.reason).toBe("SECOND_FACTOR_INVALID");
    await expect
      .poll(() => subjects(email).join("\n"), { timeout: 10_000 })
      .toMatch(/recovery code was used/);
  });

  it("lets one of two parallel completions of one ticket win", async () => {
    const email = `mfa.race.${Date.now()}@example.com`;
    const ip = "198.51.100.62";
    const { tokens } = await activeAccount(email);
    const account = typedClient(real.app.url, () => tokens.access);
    const { secret } = await account.auth.mfa.totp.begin.mutate({ password });
    const { recoveryCodes } = await account.auth.mfa.totp.confirm.mutate({ code: codeOf(secret) });
    const login = await call(real.app.url, "auth.login", { input: { email, password }, ip });
    const { ticket } = login.data as { ticket: string };
    const answers = await Promise.all(
      [recoveryCodes[0], recoveryCodes[1]].map((recoveryCode) =>
        call(real.app.url, "auth.completeLogin", { input: { ticket, recoveryCode }, ip }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    expect(answers.find((answer) => answer.status === 401)?.reason).toBe("LOGIN_TICKET_INVALID");
    // The loser's recovery code was rolled back with its transaction: 9 left, not 8.
    const signedIn = answers.find((answer) => answer.status === 200)?.data as {
      tokens: { access: string };
    };
    const status = await call(real.app.url, "auth.mfa.status", {
      method: "GET",
      accessToken: signedIn.tokens.access,
    });
    expect(status.data).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it("evaluates at most 5 of 30 parallel codes on one ticket", async () => {
    const email = `mfa.brute.${Date.now()}@example.com`;
    const ip = "198.51.100.63";
    const { tokens } = await activeAccount(email);
    const account = typedClient(real.app.url, () => tokens.access);
    const { secret } = await account.auth.mfa.totp.begin.mutate({ password });
    await account.auth.mfa.totp.confirm.mutate({ code: codeOf(secret) });
    const login = await call(real.app.url, "auth.login", { input: { email, password }, ip });
    const { ticket } = login.data as { ticket: string };
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(real.app.url, "auth.completeLogin", {
          input: { ticket, code: String(400000 + i) },
          // Each from its own client: only the ticket's own limit can stop them.
          ip: `198.51.100.${100 + i}`,
        }),
      ),
    );
    // Another client's ticket is invalid there, but every attempt still counts against the ticket.
    expect(answers.filter((answer) => answer.reason === "RATE_LIMITED")).toHaveLength(25);
  });

  it("keeps a browser's second step in cookies: session.login gives no cookie, session.completeLogin sets them", async () => {
    const email = `mfa.browser.${Date.now()}@example.com`;
    const { tokens } = await activeAccount(email);
    const account = typedClient(real.app.url, () => tokens.access);
    const { secret } = await account.auth.mfa.totp.begin.mutate({ password });
    await account.auth.mfa.totp.confirm.mutate({ code: codeOf(secret) });
    const post = (path: string, body: unknown) =>
      fetch(`${real.app.url}/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: real.app.url },
        body: JSON.stringify(body),
      });
    const first = await post("session.login", { email, password });
    expect(first.headers.getSetCookie()).toEqual([]);
    const { ticket } = ((await first.json()) as { result: { data: { ticket: string } } }).result
      .data;
    const used = new Set([codeOf(secret)]);
    const done = await post("session.completeLogin", {
      ticket,
      code: await nextCode(secret, used),
    });
    expect(done.status).toBe(200);
    expect(done.headers.getSetCookie().some((cookie) => cookie.startsWith("latch_access="))).toBe(
      true,
    );
    const body = (await done.json()) as { result: { data: Record<string, unknown> } };
    expect(body.result.data).toMatchObject({ user: { email } });
    expect(JSON.stringify(body)).not.toContain("tokens");
  });

  it("never lets a password reset bypass the second factor", async () => {
    const email = `mfa.reset.${Date.now()}@example.com`;
    const { tokens } = await activeAccount(email);
    const account = typedClient(real.app.url, () => tokens.access);
    const { secret } = await account.auth.mfa.totp.begin.mutate({ password });
    await account.auth.mfa.totp.confirm.mutate({ code: codeOf(secret) });
    const client = typedClient(real.app.url);
    await client.auth.requestPasswordReset.mutate({ email });
    const key =
      (await real.linkFor(email, /\/reset-password\/[A-Za-z0-9_-]{32}/)).split("/").pop() ?? "";
    await client.auth.resetPassword.mutate({ key, password: "a brand new password" });
    const answer = await client.auth.login.mutate({ email, password: "a brand new password" });
    expect(answer).toMatchObject({ status: "second_factor_required" });
    expect(() => withTokens(answer)).toThrow();
  });
});
