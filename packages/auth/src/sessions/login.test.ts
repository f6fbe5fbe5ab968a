import { describe, expect, it } from "vitest";
import { defaultLimitSettings, limitPolicy } from "../limits";
import { createArgon2Hasher } from "../passwords/passwords";
import { createHarness, type Harness, meta, reasonOf, signedIn } from "../test-harness";
import { login } from "./login";

const email = "ann@example.com";
const password = "correct horse battery";
const attacker = { userAgent: "curl", ip: "198.51.100.7" };
const owner = { userAgent: "Firefox", ip: "203.0.113.44" };

/** Counts password verifications: what an online guesser actually gets evaluated. */
function countVerifications(h: Harness) {
  let count = 0;
  const verify = h.deps.passwords.verify;
  h.deps.passwords.verify = (hash, value) => {
    count++;
    return verify(hash, value);
  };
  return () => count;
}

describe("login limits", () => {
  it("evaluates at most ten of thirty parallel wrong guesses from one client", async () => {
    const h = await createHarness();
    await h.activeUser();
    const verified = countVerifications(h);
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        reasonOf(login(h.deps, { email, password: "guess!!" }, attacker)),
      ),
    );
    expect(verified()).toBe(10);
    expect(results.filter((reason) => reason === "INVALID_CREDENTIALS")).toHaveLength(10);
    expect(results.filter((reason) => reason === "RATE_LIMITED")).toHaveLength(20);
  });

  it("stops the guessing client, not the owner on another client", async () => {
    const h = await createHarness();
    await h.activeUser();
    for (let i = 0; i < 10; i++)
      await reasonOf(login(h.deps, { email, password: `guess ${i}` }, attacker));
    expect(await reasonOf(login(h.deps, { email, password }, attacker))).toBe("RATE_LIMITED");
    expect(signedIn(await login(h.deps, { email, password }, owner)).user.email).toBe(email);
  });

  it("says how long to wait when refusing", async () => {
    const h = await createHarness();
    await h.activeUser();
    for (let i = 0; i < 10; i++)
      await reasonOf(login(h.deps, { email, password: `guess ${i}` }, attacker));
    const refused = await login(h.deps, { email, password }, attacker).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ reason: "RATE_LIMITED" });
    const retryAfter = (refused as { retryAfterSeconds?: number }).retryAfterSeconds ?? 0;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    h.advance(retryAfter);
    expect(signedIn(await login(h.deps, { email, password }, attacker)).user.email).toBe(email);
  });

  it("does not count successful logins as failures", async () => {
    const h = await createHarness();
    await h.activeUser();
    for (let i = 0; i < 9; i++)
      await reasonOf(login(h.deps, { email, password: `guess ${i}` }, owner));
    for (let i = 0; i < 5; i++) signedIn(await login(h.deps, { email, password }, owner));
    expect(await reasonOf(login(h.deps, { email, password: "one more" }, owner))).toBe(
      "INVALID_CREDENTIALS",
    );
  });

  it("slows guessers on many clients in growing steps and caps failures per address", async () => {
    const h = await createHarness({
      limits: limitPolicy({ ...defaultLimitSettings, loginFailuresPerAddressPerDay: 20 }, 900),
    });
    await h.activeUser();
    const fail = (i: number) =>
      reasonOf(
        login(h.deps, { email, password: "guess!!" }, { userAgent: null, ip: `198.51.100.${i}` }),
      );
    // A fifth of the daily cap per 5 minutes: the fifth failure in a row waits.
    for (let i = 0; i < 4; i++) expect(await fail(i)).toBe("INVALID_CREDENTIALS");
    const refused = await login(h.deps, { email, password }, owner).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ reason: "RATE_LIMITED" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(300);
    // Refused attempts never reached the password check, so they count as nothing.
    h.advance(300);
    expect(signedIn(await login(h.deps, { email, password }, owner)).user.email).toBe(email);
    // Past half the cap in an hour, the wait is the hour.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) await fail(round * 4 + i + 10);
      h.advance(300);
    }
    const hourly = await login(h.deps, { email, password }, owner).catch((error: unknown) => error);
    expect(hourly).toMatchObject({ reason: "RATE_LIMITED" });
    expect((hourly as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(300);
  });

  it("refuses (and evaluates nothing) when the limiter cannot answer", async () => {
    const h = await createHarness();
    await h.activeUser();
    const verified = countVerifications(h);
    h.deps.limiter.take = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    expect(await reasonOf(login(h.deps, { email, password }, owner))).toBe("SERVICE_UNAVAILABLE");
    expect(verified()).toBe(0);
  });
});

describe("login", () => {
  it("signs an active user in", async () => {
    const h = await createHarness();
    await h.activeUser();
    const { user, tokens } = signedIn(
      await login(h.deps, { email: "ann@example.com", password }, meta),
    );
    expect(user.email).toBe("ann@example.com");
    expect(new Date(tokens.accessExpiresAt).getTime()).toBe(h.deps.clock.now().getTime() + 900_000);
    expect(new Date(tokens.refreshExpiresAt).getTime()).toBe(
      h.deps.clock.now().getTime() + 86_400_000,
    );
  });

  it("fails a wrong password and an unknown address alike, verifying a dummy hash for the unknown one", async () => {
    const h = await createHarness();
    await h.activeUser();
    let dummies = 0;
    const verifyDummy = h.deps.passwords.verifyDummy;
    h.deps.passwords.verifyDummy = (value) => {
      dummies++;
      return verifyDummy(value);
    };
    const wrongPassword = await reasonOf(
      login(h.deps, { email: "ann@example.com", password: "not the password" }, meta),
    );
    const unknown = await reasonOf(login(h.deps, { email: "bob@example.com", password }, meta));
    expect([wrongPassword, unknown]).toEqual(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS"]);
    expect(dummies).toBe(1);
  });

  it("tells an inactive account apart only when the password is right", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    expect(await reasonOf(login(h.deps, { email: "ann@example.com", password }, meta))).toBe(
      "ACCOUNT_NOT_ACTIVATED",
    );
    expect(
      await reasonOf(login(h.deps, { email: "ann@example.com", password: "wrong one!" }, meta)),
    ).toBe("INVALID_CREDENTIALS");
  });

  it("upgrades a hash made with older argon2 parameters at the next login", async () => {
    const h = await createHarness();
    await h.activeUser();
    const old = createArgon2Hasher({ memoryCost: 512, timeCost: 1, parallelism: 1 });
    const user = await h.deps.db.users.findByEmail("ann@example.com");
    await h.deps.db.users.setPassword(user?.id ?? "", {
      passwordHash: await old.hash(password),
      keyStamp: user?.keyStamp ?? "",
    });
    signedIn(await login(h.deps, { email: "ann@example.com", password }, meta));
    const upgraded = await h.deps.db.users.findByEmail("ann@example.com");
    expect(upgraded?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(
      signedIn(await login(h.deps, { email: "ann@example.com", password }, meta)).user.email,
    ).toBe("ann@example.com");
  });
});

describe("login in the audit trail", () => {
  it("records a login with its method, session, coarse address and device, and announces the session", async () => {
    const h = await createHarness();
    const { user } = await h.activeUser();
    const webhooks = await h.webhookReceiver();
    const firefox = {
      userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
      ip: "203.0.113.44",
    };
    const wakes = h.wakes();
    const { tokens } = signedIn(await login(h.deps, { email, password }, firefox));
    const [event] = (await h.events(user.id)).slice(-1);
    expect(event).toMatchObject({
      type: "login.succeeded",
      userId: user.id,
      ip: "203.0.113.0/24",
      device: "Firefox · Windows",
      detail: { method: "password" },
    });
    const { sessionId } = await h.deps.tokens.verifyRefresh(tokens.refresh, h.deps.clock.now());
    expect(event?.detail.sessionId).toBe(sessionId);
    expect(await webhooks()).toEqual(["session.created"]);
    expect(h.wakes()).toBe(wakes + 1);
  });

  it("leaves neither session nor event when the login's transaction fails", async () => {
    const h = await createHarness();
    const { user } = await h.activeUser();
    const before = await h.events(user.id);
    const sessions = (await h.deps.db.sessions.listLive(user.id, h.deps.clock.now())).length;
    h.failNextCommit();
    expect(await reasonOf(login(h.deps, { email, password }, owner))).toBe("SERVICE_UNAVAILABLE");
    expect(await h.events(user.id)).toEqual(before);
    expect(await h.deps.db.sessions.listLive(user.id, h.deps.clock.now())).toHaveLength(sessions);
  });

  it("records a wrong password against the account, and an unknown address against none, without what was typed", async () => {
    const h = await createHarness();
    const { user } = await h.activeUser();
    await reasonOf(login(h.deps, { email, password: "not the password" }, attacker));
    await reasonOf(
      login(h.deps, { email: "typo-correct-horse@example.com", password: "secret" }, attacker),
    );
    const failures = (await h.events()).filter((event) => event.type === "login.failed");
    expect(failures).toMatchObject([
      { userId: user.id, detail: { method: "password", reason: "invalid_credentials" } },
      { userId: null, detail: { method: "password", reason: "invalid_credentials" } },
    ]);
    const written = JSON.stringify(failures);
    for (const typed of ["not the password", "typo-correct-horse", "secret"]) {
      expect(written).not.toContain(typed);
    }
  });

  it("records a not-yet-activated account's login as failed, once the password proved it", async () => {
    const h = await createHarness();
    await h.signup({ email, password });
    await reasonOf(login(h.deps, { email, password }, owner));
    const [failure] = (await h.events()).filter((event) => event.type === "login.failed");
    expect(failure?.detail).toEqual({ method: "password", reason: "not_activated" });
    expect(failure?.userId).not.toBeNull();
  });
});
