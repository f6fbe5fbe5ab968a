import { describe, expect, it } from "vitest";
import { activate } from "../account/activate";
import { requestPasswordReset } from "../account/password-reset";
import { AuthError, OUTAGE_RETRY_AFTER_SECONDS } from "../errors";
import { defaultLimitSettings, limitPolicy } from "../limits";
import { completeLogin } from "../mfa/complete-login";
import type { Notice } from "../ports/notices";
import { authenticate } from "../sessions/authenticate";
import { login } from "../sessions/login";
import { createHarness, type Harness, meta, reasonOf, signedIn } from "../test-harness";
import {
  inspectPasswordlessKey,
  loginCodeOf,
  startPasswordlessLogin,
  verifyPasswordlessLogin,
} from "./passwordless-login";

const email = "ann@example.com";

type LoginEmail = Extract<Notice, { kind: "passwordless_login" }>;

/** The newest login email sent to `address`, after the outbox ran. */
async function latestLoginEmail(h: Harness, address = email): Promise<LoginEmail> {
  const found = (await h.emailsTo(address)).findLast(
    (notice): notice is LoginEmail => notice.kind === "passwordless_login",
  );
  if (!found) throw new Error(`no login email for ${address}`);
  return found;
}

const keyOf = (mail: LoginEmail) => mail.link.split("/").at(-1) ?? "";

/** A 6-digit code that is not the email's. */
const wrongCode = (mail: LoginEmail) =>
  String((Number(mail.code) + 1) % 1_000_000).padStart(6, "0");

async function askForLoginEmail(h: Harness, address = email) {
  expect(await startPasswordlessLogin(h.deps, { email: address })).toEqual({ status: "sent" });
  return latestLoginEmail(h, address);
}

describe("passwordless login", () => {
  it("mails one link and one 6-digit code to an account; an unknown address gets the same answer and no email", async () => {
    const h = await createHarness();
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    expect(mail.link).toMatch(/^https:\/\/latch\.test\/login\/email\/[A-Za-z0-9_-]{32}$/);
    expect(mail.code).toMatch(/^\d{6}$/);
    expect(mail.expiresInMinutes).toBe(15);

    expect(await startPasswordlessLogin(h.deps, { email: "nobody@example.com" })).toEqual({
      status: "sent",
    });
    expect(await h.emailsTo("nobody@example.com")).toEqual([]);
  });

  it("keeps neither the key nor the code in the key store", async () => {
    const h = await createHarness();
    await h.activeUser();
    const written: string[] = [];
    const set = h.deps.keys.set.bind(h.deps.keys);
    h.deps.keys.set = async (name, value, ttl) => {
      written.push(name, value);
      return set(name, value, ttl);
    };
    const mail = await askForLoginEmail(h);
    expect(written.some((text) => text.startsWith("passwordless-login:"))).toBe(true);
    for (const text of written) {
      expect(text).not.toContain(keyOf(mail));
      expect(text).not.toContain(mail.code);
    }
  });

  it("signs in once by the link; looking at the link first spends nothing", async () => {
    const h = await createHarness();
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    for (let look = 0; look < 3; look++) {
      expect(await inspectPasswordlessKey(h.deps, keyOf(mail))).toEqual({
        status: "usable",
        email,
      });
    }
    const { tokens, user } = signedIn(
      await verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta),
    );
    expect(user.email).toBe(email);
    expect((await authenticate(h.deps, tokens.access)).email).toBe(email);

    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta))).toBe(
      "LOGIN_LINK_INVALID",
    );
    expect(await inspectPasswordlessKey(h.deps, keyOf(mail))).toEqual({
      status: "unusable",
      reason: "LOGIN_LINK_INVALID",
    });
  });

  it("signs in once by the code, which spends the link of the same email", async () => {
    const h = await createHarness();
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    signedIn(await verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta));
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta))).toBe(
      "LOGIN_CODE_INVALID",
    );
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta))).toBe(
      "LOGIN_LINK_INVALID",
    );
  });

  it("the link spends the code of the same email", async () => {
    const h = await createHarness();
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    signedIn(await verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta));
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta))).toBe(
      "LOGIN_CODE_INVALID",
    );
  });

  it("10 concurrent verifications by link and code give exactly one session", async () => {
    const h = await createHarness();
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        verifyPasswordlessLogin(
          h.deps,
          index % 2 ? { key: keyOf(mail) } : { email, code: mail.code },
          meta,
        ),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    const sessions = await h.deps.db.sessions.listLive(
      (await h.deps.db.users.findByEmail(email))?.id ?? "",
      h.deps.clock.now(),
    );
    // The activation's session and the one passwordless sign-in.
    expect(sessions).toHaveLength(2);
  });

  it("expires with the key's lifetime, and then reads as expired rather than invalid", async () => {
    const h = await createHarness();
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    h.advance(15 * 60 + 1);
    expect(await inspectPasswordlessKey(h.deps, keyOf(mail))).toEqual({
      status: "unusable",
      reason: "LOGIN_LINK_EXPIRED",
    });
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta))).toBe(
      "LOGIN_LINK_EXPIRED",
    );
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta))).toBe(
      "LOGIN_CODE_INVALID",
    );
  });

  it("a newer email replaces the older one's link and code", async () => {
    const h = await createHarness();
    await h.activeUser();
    const older = await askForLoginEmail(h);
    const newer = await askForLoginEmail(h);
    expect(newer.code === older.code && keyOf(newer) === keyOf(older)).toBe(false);
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { key: keyOf(older) }, meta))).toBe(
      "LOGIN_LINK_INVALID",
    );
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: older.code }, meta))).toBe(
      "LOGIN_CODE_INVALID",
    );
    signedIn(await verifyPasswordlessLogin(h.deps, { email, code: newer.code }, meta));
  });

  it("a password change kills a login email sent before it", async () => {
    const h = await createHarness();
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta))).toBe(
      "LOGIN_LINK_INVALID",
    );
  });

  it("never skips the second factor: an account with TOTP gets only a ticket", async () => {
    const h = await createHarness();
    const { code } = await h.enrolledUser();
    const mail = await askForLoginEmail(h);
    const result = await verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta);
    if (!("status" in result)) throw new Error("expected a second step, got tokens");
    expect(result.status).toBe("second_factor_required");
    expect(result.methods).toContain("totp");
    expect(result).not.toHaveProperty("tokens");
    const done = await completeLogin(h.deps, { ticket: result.ticket, code: code(1) }, meta);
    expect(done.user.email).toBe(email);
  });

  it("a never-activated account is activated and its pending (perhaps a squatter's) password discarded", async () => {
    const h = await createHarness();
    await h.signup({ email, password: "the squatter's password" });
    const activationKey = await h.latestActivationKey(email);
    const mail = await askForLoginEmail(h);
    const { user } = signedIn(
      await verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta),
    );
    expect(user.email).toBe(email);

    const account = await h.deps.db.users.findByEmail(email);
    expect(account?.activatedAt).not.toBeNull();
    expect(account?.passwordHash).toBeNull();
    expect(
      await reasonOf(login(h.deps, { email, password: "the squatter's password" }, meta)),
    ).toBe("INVALID_CREDENTIALS");
    expect(
      await reasonOf(
        activate(h.deps, { key: activationKey, password: "the squatter's password" }, meta),
      ),
    ).toMatch(/^(ACTIVATION_KEY_INVALID|ALREADY_ACTIVE)$/);
  });

  it("counts wrong codes first: 50 at once evaluate at most 5 against one code, then the code is spent", async () => {
    const h = await createHarness({
      limits: limitPolicy(
        { ...defaultLimitSettings, loginCodeFailuresPerAddressPerHour: 100 },
        900,
      ),
    });
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    const wrong = wrongCode(mail);
    const reasons = await Promise.all(
      Array.from({ length: 50 }, () =>
        reasonOf(verifyPasswordlessLogin(h.deps, { email, code: wrong }, meta)),
      ),
    );
    // Past the code's 5 the answer stays "wrong code": a 429 here would say the address has one.
    expect(reasons).toEqual(Array(50).fill("LOGIN_CODE_INVALID"));
    // The code is spent for guessing, so even the right one fails; the link of the same email works.
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta))).toBe(
      "LOGIN_CODE_INVALID",
    );
    signedIn(await verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta));
  });

  it("answers a known address with a code and an unknown one alike, attempt by attempt", async () => {
    const h = await createHarness();
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    const attempts = async (address: string, code: string) => {
      const reasons: string[] = [];
      for (let attempt = 0; attempt < 12; attempt++) {
        reasons.push(
          await reasonOf(verifyPasswordlessLogin(h.deps, { email: address, code }, meta)),
        );
      }
      return reasons;
    };
    const known = await attempts(email, wrongCode(mail));
    expect(known).toEqual([
      ...Array(10).fill("LOGIN_CODE_INVALID"),
      "RATE_LIMITED",
      "RATE_LIMITED",
    ]);
    expect(await attempts("nobody@example.com", wrongCode(mail))).toEqual(known);
  });

  it("a code stored late by a slower delivery of an older email never replaces the newer email's code", async () => {
    const h = await createHarness({ emailsPerAddressPerHour: 100 });
    await h.activeUser();
    const codeWrites: [string, string, number][] = [];
    const set = h.deps.keys.set.bind(h.deps.keys);
    h.deps.keys.set = async (name, value, ttl) => {
      if (name.startsWith("passwordless-login:code:")) codeWrites.push([name, value, ttl]);
      return set(name, value, ttl);
    };
    await askForLoginEmail(h);
    const [olderWrite] = codeWrites;
    const newer = await askForLoginEmail(h);
    // Two workers delivered both: the older one's code write lands last.
    if (!olderWrite) throw new Error("the older email stored no code");
    await set(...olderWrite);
    signedIn(await verifyPasswordlessLogin(h.deps, { email, code: newer.code }, meta));
  });

  it("a new email does not refill the address's budget of wrong codes", async () => {
    const h = await createHarness({ emailsPerAddressPerHour: 100 });
    await h.activeUser();
    const first = await askForLoginEmail(h);
    for (let attempt = 0; attempt < 5; attempt++) {
      await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: wrongCode(first) }, meta));
    }
    const second = await askForLoginEmail(h);
    const reasons: string[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      reasons.push(
        await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: wrongCode(second) }, meta)),
      );
    }
    // 5 wrong with the first email, 5 with the second: the address's 10, then refused.
    expect(reasons).toEqual([...Array(5).fill("LOGIN_CODE_INVALID"), "RATE_LIMITED"]);
    expect(
      await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: second.code }, meta)),
    ).toBe("RATE_LIMITED");
    // An hour later the address may try again; the right code works and is not counted.
    h.advance(3600);
    const third = await askForLoginEmail(h);
    signedIn(await verifyPasswordlessLogin(h.deps, { email, code: third.code }, meta));
  });

  it("an unknown address fails like a wrong code and counts against its own budget", async () => {
    const h = await createHarness();
    const reasons: string[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      reasons.push(
        await reasonOf(
          verifyPasswordlessLogin(h.deps, { email: "nobody@example.com", code: "123456" }, meta),
        ),
      );
    }
    expect(reasons).toEqual([...Array(10).fill("LOGIN_CODE_INVALID"), "RATE_LIMITED"]);
  });

  it("sends at most 5 login emails per address per hour, whoever asks, with the same answer", async () => {
    const h = await createHarness({ emailsPerAddressPerHour: 100 });
    await h.activeUser();
    const before = (await h.emailsTo(email)).length;
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => startPasswordlessLogin(h.deps, { email })),
    );
    expect(answers.every((answer) => answer.status === "sent")).toBe(true);
    expect((await h.emailsTo(email)).length - before).toBe(5);
    h.advance(3600);
    await startPasswordlessLogin(h.deps, { email });
    expect((await h.emailsTo(email)).length - before).toBe(6);
  });

  it("login emails refused by their own cap spend none of the address's quota of all emails", async () => {
    // Its signup email, five login emails, then the reset: 7.
    const h = await createHarness({ emailsPerAddressPerHour: 7 });
    await h.activeUser();
    const before = (await h.emailsTo(email)).length;
    await Promise.all(Array.from({ length: 30 }, () => startPasswordlessLogin(h.deps, { email })));
    await requestPasswordReset(h.deps, { email });
    const kinds = (await h.emailsTo(email)).slice(before).map((notice) => notice.kind);
    expect(kinds.filter((kind) => kind === "passwordless_login")).toHaveLength(5);
    expect(kinds).toContain("password_reset");
  });

  it("sends the same link and code on every attempt at one email", async () => {
    const h = await createHarness();
    await h.activeUser();
    const attempted: Notice[] = [];
    const send = h.sender.send.bind(h.sender);
    h.deps.notices = {
      async send(notice, options) {
        attempted.push(structuredClone(notice));
        return send(notice, options);
      },
    };
    await startPasswordlessLogin(h.deps, { email });
    h.sender.fail = new Error("provider down");
    await h.settle();
    h.sender.fail = null;
    h.advance(3600);
    const mail = await latestLoginEmail(h);
    const logins = attempted.filter((notice) => notice.kind === "passwordless_login");
    expect(logins.length).toBeGreaterThanOrEqual(2);
    for (const attempt of logins) expect(attempt).toEqual(mail);
    signedIn(await verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta));
  });

  it("derives the code from the email's outbox entry: stable, 6 digits, different per entry", () => {
    const secret = new TextEncoder().encode("a-test-secret-of-at-least-32-bytes!!");
    const codes = new Set(
      Array.from({ length: 200 }, (_, index) => loginCodeOf(secret, `e${index}`)),
    );
    expect(loginCodeOf(secret, "e1")).toBe(loginCodeOf(secret, "e1"));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.size).toBeGreaterThan(195);
  });

  it("a limiter that cannot answer refuses the ask with 503 and a time to retry, and queues nothing", async () => {
    const h = await createHarness();
    await h.activeUser();
    const before = (await h.emailsTo(email)).length;
    h.deps.limiter.take = () => Promise.reject(new Error("limiter down"));
    const refused = await startPasswordlessLogin(h.deps, { email }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({
      reason: "SERVICE_UNAVAILABLE",
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
    });
    expect((await h.emailsTo(email)).length).toBe(before);
  });

  it.each(["link", "code"] as const)(
    "a used email never comes back: its key and code stored again (an outbox retry after a lost acknowledgement) are dead (used by %s)",
    async (usedBy) => {
      const h = await createHarness();
      await h.activeUser();
      const writes: [string, string, number][] = [];
      const set = h.deps.keys.set.bind(h.deps.keys);
      h.deps.keys.set = async (name, value, ttl) => {
        if (name.startsWith("passwordless-login:")) writes.push([name, value, ttl]);
        return set(name, value, ttl);
      };
      const mail = await askForLoginEmail(h);
      signedIn(
        await verifyPasswordlessLogin(
          h.deps,
          usedBy === "link" ? { key: keyOf(mail) } : { email, code: mail.code },
          meta,
        ),
      );
      for (const write of writes) await set(...write);
      expect(await reasonOf(verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta))).toBe(
        "LOGIN_LINK_INVALID",
      );
      expect(
        await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta)),
      ).toBe("LOGIN_CODE_INVALID");
    },
  );

  it("allows 5 tries per code over its whole life, across the limiter's windows", async () => {
    const h = await createHarness();
    await h.activeUser();
    h.advance(50 * 60); // 12:50: the code's 15 minutes straddle the hour.
    const mail = await askForLoginEmail(h);
    for (let attempt = 0; attempt < 5; attempt++) {
      await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: wrongCode(mail) }, meta));
    }
    h.advance(11 * 60);
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta))).toBe(
      "LOGIN_CODE_INVALID",
    );
    signedIn(await verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta));
  });

  it("an outage while asking gives the address's login-email token back: the ask after it is mailed", async () => {
    const h = await createHarness({ emailsPerAddressPerHour: 100 });
    await h.activeUser();
    const enqueue = h.deps.db.outbox.enqueue.bind(h.deps.db.outbox);
    h.deps.db.outbox.enqueue = () => Promise.reject(new AuthError("SERVICE_UNAVAILABLE"));
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await reasonOf(startPasswordlessLogin(h.deps, { email }))).toBe("SERVICE_UNAVAILABLE");
    }
    h.deps.db.outbox.enqueue = enqueue;
    await askForLoginEmail(h);
  });

  it("an outage while checking a code gives the address's token back: the right code works after it", async () => {
    const h = await createHarness();
    await h.activeUser();
    const mail = await askForLoginEmail(h);
    const findByEmail = h.deps.db.users.findByEmail.bind(h.deps.db.users);
    h.deps.db.users.findByEmail = () => Promise.reject(new AuthError("SERVICE_UNAVAILABLE"));
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(
        await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta)),
      ).toBe("SERVICE_UNAVAILABLE");
    }
    h.deps.db.users.findByEmail = findByEmail;
    signedIn(await verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta));
  });

  it("an outage while signing in answers 503 and leaves the link and the code usable", async () => {
    const h = await createHarness();
    await h.signup({ email, password: "a pending password" });
    const mail = await askForLoginEmail(h);
    h.failNextCommit();
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect((await h.deps.db.users.findByEmail(email))?.activatedAt).toBeNull();
    h.failNextCommit();
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    signedIn(await verifyPasswordlessLogin(h.deps, { email, code: mail.code }, meta));
  });
});

describe("passwordless login in the audit trail", () => {
  it("records a code login and a link login with their methods", async () => {
    const h = await createHarness();
    const { user } = await h.activeUser();
    signedIn(
      await verifyPasswordlessLogin(
        h.deps,
        { email, code: (await askForLoginEmail(h)).code },
        meta,
      ),
    );
    signedIn(
      await verifyPasswordlessLogin(h.deps, { key: keyOf(await askForLoginEmail(h)) }, meta),
    );
    const methods = (await h.events(user.id))
      .filter((event) => event.type === "login.succeeded")
      .map((event) => event.detail.method);
    expect(methods).toEqual(["activation", "email_code", "email_link"]);
  });

  it("records a wrong code against the account, and against none for an unknown address, without the code", async () => {
    const h = await createHarness();
    const { user } = await h.activeUser();
    const mail = await askForLoginEmail(h);
    await reasonOf(verifyPasswordlessLogin(h.deps, { email, code: wrongCode(mail) }, meta));
    await reasonOf(
      verifyPasswordlessLogin(h.deps, { email: "nobody@example.com", code: "123456" }, meta),
    );
    const failures = (await h.events()).filter((event) => event.type === "login.failed");
    expect(failures.map((event) => [event.userId, event.detail])).toEqual([
      [user.id, { method: "email_code", reason: "invalid_code" }],
      [null, { method: "email_code", reason: "invalid_code" }],
    ]);
    const written = JSON.stringify(failures);
    for (const typed of [wrongCode(mail), "123456", "nobody"]) expect(written).not.toContain(typed);
  });

  it("records the activation of a never-activated account that signs in by email", async () => {
    const h = await createHarness();
    await h.signup({ email, password: "correct horse battery" });
    const mail = await askForLoginEmail(h);
    signedIn(await verifyPasswordlessLogin(h.deps, { key: keyOf(mail) }, meta));
    const types = (await h.events()).map((event) => event.type);
    expect(types).toEqual(["user.signed_up", "user.activated", "login.succeeded"]);
  });
});
