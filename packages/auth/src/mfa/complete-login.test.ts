import { describe, expect, it } from "vitest";
import { requestPasswordReset, resetPassword } from "../account/password-reset";
import { login } from "../sessions/login";
import { createHarness, type Harness, meta, reasonOf } from "../test-harness";
import { completeLogin } from "./complete-login";
import type { SecondFactorRequired } from "./login-ticket";

const email = "ann@example.com";
const password = "correct horse battery";

/** The first step: the right password, answered with a ticket. */
async function ticketFor(h: Harness, from = meta): Promise<string> {
  const result = await login(h.deps, { email, password }, from);
  if (!("status" in result)) throw new Error("expected a second-factor ticket, got tokens");
  return result.ticket;
}

describe("login with a second factor", () => {
  it("answers the right password with a ticket and the methods, never with tokens", async () => {
    const h = await createHarness();
    await h.enrolledUser();
    const result = (await login(h.deps, { email, password }, meta)) as SecondFactorRequired;
    expect(result).toEqual({
      status: "second_factor_required",
      ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      methods: ["totp", "recovery_code"],
    });
    expect(result).not.toHaveProperty("tokens");
  });

  it("still answers a wrong password as before, without a ticket", async () => {
    const h = await createHarness();
    await h.enrolledUser();
    expect(await reasonOf(login(h.deps, { email, password: "not it at all" }, meta))).toBe(
      "INVALID_CREDENTIALS",
    );
  });

  it("signs in with the app's code of this step, or of one step either side", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    for (const drift of [-1, 0, 1]) {
      h.advance(90); // a fresh step each round: every code is accepted once
      const signed = await completeLogin(
        h.deps,
        { ticket: await ticketFor(h), code: code(drift) },
        meta,
      );
      expect(signed.user.email).toBe(email);
      expect(signed.tokens.access).toEqual(expect.any(String));
    }
  });

  it("refuses a code two steps away, either side", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    h.advance(90);
    for (const drift of [-2, 2]) {
      const ticket = await ticketFor(h);
      expect(await reasonOf(completeLogin(h.deps, { ticket, code: code(drift) }, meta))).toBe(
        "SECOND_FACTOR_INVALID",
      );
    }
  });

  it("accepts a code at most once: the same code again, within its step, is refused", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    h.advance(90);
    const used = code();
    await completeLogin(h.deps, { ticket: await ticketFor(h), code: used }, meta);
    h.advance(5);
    expect(
      await reasonOf(completeLogin(h.deps, { ticket: await ticketFor(h), code: used }, meta)),
    ).toBe("SECOND_FACTOR_INVALID");
    // Nor an older step's code once a newer one was used.
    expect(
      await reasonOf(completeLogin(h.deps, { ticket: await ticketFor(h), code: code(-1) }, meta)),
    ).toBe("SECOND_FACTOR_INVALID");
  });

  it("lets one of two parallel completions with one code win, on two tickets", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    h.advance(90);
    const tickets = [await ticketFor(h), await ticketFor(h)];
    const outcomes = await Promise.all(
      tickets.map((ticket) =>
        completeLogin(h.deps, { ticket, code: code() }, meta).then(
          () => "signed_in",
          (error: { reason: string }) => error.reason,
        ),
      ),
    );
    expect(outcomes.sort()).toEqual(["SECOND_FACTOR_INVALID", "signed_in"]);
  });

  it("spends a ticket once: of two parallel completions one wins, and the loser's recovery code is kept", async () => {
    const h = await createHarness();
    const { code, recoveryCodes } = await h.enrolledUser();
    h.advance(90);
    const ticket = await ticketFor(h);
    const [byCode, byRecovery] = await Promise.all([
      completeLogin(h.deps, { ticket, code: code() }, meta).then(
        () => "signed_in",
        (error: { reason: string }) => error.reason,
      ),
      completeLogin(h.deps, { ticket, recoveryCode: recoveryCodes[0] ?? "" }, meta).then(
        () => "signed_in",
        (error: { reason: string }) => error.reason,
      ),
    ]);
    expect([byCode, byRecovery].sort()).toEqual(["LOGIN_TICKET_INVALID", "signed_in"]);
    expect(await reasonOf(completeLogin(h.deps, { ticket, code: code() }, meta))).toBe(
      "LOGIN_TICKET_INVALID",
    );
    // Whichever lost rolled back what it spent: only a winning recovery code is gone.
    const user = await h.deps.db.users.findByEmail(email);
    const left = await h.deps.db.secondFactors.countRecoveryCodes(user?.id ?? "");
    expect(left).toBe(byRecovery === "signed_in" ? 9 : 10);
  });

  it("expires a ticket after 5 minutes, and forgets it an hour later", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    const ticket = await ticketFor(h);
    h.advance(300);
    expect(await reasonOf(completeLogin(h.deps, { ticket, code: code() }, meta))).toBe(
      "LOGIN_TICKET_EXPIRED",
    );
    h.advance(3600);
    expect(await reasonOf(completeLogin(h.deps, { ticket, code: code() }, meta))).toBe(
      "LOGIN_TICKET_INVALID",
    );
  });

  it("binds a ticket to the client that proved the password", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    h.advance(90);
    const ticket = await ticketFor(h);
    const elsewhere = { userAgent: "curl", ip: "198.51.100.99" };
    expect(await reasonOf(completeLogin(h.deps, { ticket, code: code() }, elsewhere))).toBe(
      "LOGIN_TICKET_INVALID",
    );
    expect((await completeLogin(h.deps, { ticket, code: code() }, meta)).user.email).toBe(email);
  });

  it("evaluates at most 5 of 30 parallel codes on one ticket, and then not even the right one", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    h.advance(90);
    const ticket = await ticketFor(h);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        reasonOf(completeLogin(h.deps, { ticket, code: String(100000 + i) }, meta)),
      ),
    );
    expect(results.filter((reason) => reason === "SECOND_FACTOR_INVALID")).toHaveLength(5);
    expect(results.filter((reason) => reason === "RATE_LIMITED")).toHaveLength(25);
    expect(await reasonOf(completeLogin(h.deps, { ticket, code: code() }, meta))).toBe(
      "RATE_LIMITED",
    );
  });

  it("limits wrong codes per account across tickets: 10 of 30 parallel, on fresh tickets", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    h.advance(90);
    const tickets: string[] = [];
    for (let i = 0; i < 30; i++) tickets.push(await ticketFor(h));
    const results = await Promise.all(
      tickets.map((ticket, i) =>
        reasonOf(completeLogin(h.deps, { ticket, code: String(200000 + i) }, meta)),
      ),
    );
    expect(results.filter((reason) => reason === "SECOND_FACTOR_INVALID")).toHaveLength(10);
    expect(results.filter((reason) => reason === "RATE_LIMITED")).toHaveLength(20);
    const refused = await completeLogin(
      h.deps,
      { ticket: await ticketFor(h), code: code() },
      meta,
    ).catch((error: unknown) => error);
    expect(refused).toMatchObject({ reason: "RATE_LIMITED" });
    h.advance((refused as { retryAfterSeconds: number }).retryAfterSeconds);
    expect(
      (await completeLogin(h.deps, { ticket: await ticketFor(h), code: code() }, meta)).user.email,
    ).toBe(email);
  });

  it("does not count a right code as a failure", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    for (let i = 0; i < 9; i++) {
      await reasonOf(completeLogin(h.deps, { ticket: await ticketFor(h), code: "000000" }, meta));
    }
    for (let i = 0; i < 3; i++) {
      h.advance(30);
      await completeLogin(h.deps, { ticket: await ticketFor(h), code: code() }, meta);
    }
    expect(
      await reasonOf(completeLogin(h.deps, { ticket: await ticketFor(h), code: "000000" }, meta)),
    ).toBe("SECOND_FACTOR_INVALID");
  });

  it("ends outstanding tickets when the password changes", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    h.advance(90);
    const ticket = await ticketFor(h);
    await requestPasswordReset(h.deps, { email });
    const key = await h.latestKey(email, "reset-password");
    await resetPassword(h.deps, { key, password: "a brand new password" });
    expect(await reasonOf(completeLogin(h.deps, { ticket, code: code() }, meta))).toBe(
      "LOGIN_TICKET_INVALID",
    );
  });

  it("keeps only a hash of the ticket in the key store", async () => {
    const h = await createHarness();
    await h.enrolledUser();
    const written: string[] = [];
    const set = h.deps.keys.set;
    h.deps.keys.set = (key, value, ttl) => {
      written.push(key, value);
      return set(key, value, ttl);
    };
    const ticket = await ticketFor(h);
    expect(written.length).toBeGreaterThan(0);
    for (const entry of written) expect(entry).not.toContain(ticket);
  });
});

describe("recovery codes at login", () => {
  it("sign in once each, and each use is mailed with how many are left", async () => {
    const h = await createHarness();
    const { recoveryCodes } = await h.enrolledUser();
    const [first] = recoveryCodes;
    const signed = await completeLogin(
      h.deps,
      { ticket: await ticketFor(h), recoveryCode: first ?? "" },
      meta,
    );
    expect(signed.user.email).toBe(email);
    const notices = (await h.emailsTo(email)).filter(
      (notice) => notice.kind === "second_factor_changed",
    );
    expect(notices.map((notice) => "change" in notice && notice.change)).toContainEqual({
      what: "recovery_code_used",
      codesLeft: 9,
    });
    expect(
      await reasonOf(
        completeLogin(h.deps, { ticket: await ticketFor(h), recoveryCode: first ?? "" }, meta),
      ),
    ).toBe("SECOND_FACTOR_INVALID");
  });

  it("are accepted as typed: capitals and no dashes", async () => {
    const h = await createHarness();
    const { recoveryCodes } = await h.enrolledUser();
    const typed = (recoveryCodes[3] ?? "").toUpperCase().replaceAll("-", "");
    expect(
      (await completeLogin(h.deps, { ticket: await ticketFor(h), recoveryCode: typed }, meta)).user
        .email,
    ).toBe(email);
  });

  it("let one of two parallel uses of one code win", async () => {
    const h = await createHarness();
    const { recoveryCodes } = await h.enrolledUser();
    const tickets = [await ticketFor(h), await ticketFor(h)];
    const outcomes = await Promise.all(
      tickets.map((ticket) =>
        completeLogin(h.deps, { ticket, recoveryCode: recoveryCodes[1] ?? "" }, meta).then(
          () => "signed_in",
          (error: { reason: string }) => error.reason,
        ),
      ),
    );
    expect(outcomes.sort()).toEqual(["SECOND_FACTOR_INVALID", "signed_in"]);
  });
});

describe("a password reset", () => {
  it("never bypasses the second factor: the next login still asks for it", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    await requestPasswordReset(h.deps, { email });
    const key = await h.latestKey(email, "reset-password");
    await resetPassword(h.deps, { key, password: "a brand new password" });
    const result = await login(h.deps, { email, password: "a brand new password" }, meta);
    expect(result).toMatchObject({ status: "second_factor_required" });
    h.advance(90);
    const ticket = (result as SecondFactorRequired).ticket;
    expect((await completeLogin(h.deps, { ticket, code: code() }, meta)).user.email).toBe(email);
  });

  it("a database failure after the ticket was taken gives the ticket and the recovery code back: the retry signs in", async () => {
    const h = await createHarness();
    const { recoveryCodes } = await h.enrolledUser();
    const ticket = await ticketFor(h);
    const recoveryCode = recoveryCodes[0] ?? "";
    h.failNextCommit();
    expect(await reasonOf(completeLogin(h.deps, { ticket, recoveryCode }, meta))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    const user = await h.deps.db.users.findByEmail(email);
    const sessionsBefore = (await h.deps.db.sessions.listLive(user?.id ?? "", h.deps.clock.now()))
      .length;
    const signed = await completeLogin(h.deps, { ticket, recoveryCode }, meta);
    expect(signed.user.email).toBe(email);
    expect((await h.deps.db.sessions.listLive(user?.id ?? "", h.deps.clock.now())).length).toBe(
      sessionsBefore + 1,
    );
  });
});

describe("second steps in the audit trail", () => {
  it("records a refused code and an accepted one, and the login they complete", async () => {
    const h = await createHarness();
    const { code, user } = await h.enrolledUser();
    h.advance(90);
    const ticket = await ticketFor(h);
    await reasonOf(completeLogin(h.deps, { ticket, code: code(3) }, meta));
    await completeLogin(h.deps, { ticket, code: code() }, meta);
    const events = (await h.events(user.id)).slice(-3);
    expect(events.map((event) => [event.type, event.detail.method])).toEqual([
      ["second_step.failed", "totp"],
      ["second_step.passed", "totp"],
      ["login.succeeded", "totp"],
    ]);
  });

  it("records a used recovery code as a second-factor change, with the login", async () => {
    const h = await createHarness();
    const { recoveryCodes, user } = await h.enrolledUser();
    const webhooks = await h.webhookReceiver();
    await completeLogin(
      h.deps,
      { ticket: await ticketFor(h), recoveryCode: recoveryCodes[0] ?? "" },
      meta,
    );
    const change = (await h.events(user.id)).find(
      (event) => event.detail.change === "recovery_code_used",
    );
    expect(change).toMatchObject({ type: "second_factor.changed", detail: { codesLeft: "9" } });
    expect(await webhooks()).toEqual(["second_factor.changed", "session.created"]);
  });
});
