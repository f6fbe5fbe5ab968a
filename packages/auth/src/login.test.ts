import { describe, expect, it } from "vitest";
import { activate } from "./activate";
import { defaultLimitSettings, limitPolicy } from "./limits";
import { login } from "./login";
import { createHarness, type Harness, meta, reasonOf } from "./test-harness";

const email = "ann@example.com";
const password = "correct horse battery";
const attacker = { userAgent: "curl", ip: "198.51.100.7" };
const owner = { userAgent: "Firefox", ip: "203.0.113.44" };

async function activeUser(h: Harness) {
  await h.signup({ email, password });
  return activate(h.deps, { key: await h.latestActivationKey(email), password }, meta);
}

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
    await activeUser(h);
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
    await activeUser(h);
    for (let i = 0; i < 10; i++)
      await reasonOf(login(h.deps, { email, password: `guess ${i}` }, attacker));
    expect(await reasonOf(login(h.deps, { email, password }, attacker))).toBe("RATE_LIMITED");
    expect((await login(h.deps, { email, password }, owner)).user.email).toBe(email);
  });

  it("says how long to wait when refusing", async () => {
    const h = await createHarness();
    await activeUser(h);
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
    expect((await login(h.deps, { email, password }, attacker)).user.email).toBe(email);
  });

  it("does not count successful logins as failures", async () => {
    const h = await createHarness();
    await activeUser(h);
    for (let i = 0; i < 9; i++)
      await reasonOf(login(h.deps, { email, password: `guess ${i}` }, owner));
    for (let i = 0; i < 5; i++) await login(h.deps, { email, password }, owner);
    expect(await reasonOf(login(h.deps, { email, password: "one more" }, owner))).toBe(
      "INVALID_CREDENTIALS",
    );
  });

  it("slows guessers on many clients in growing steps and caps failures per address", async () => {
    const h = await createHarness({
      limits: limitPolicy({ ...defaultLimitSettings, loginFailuresPerAddressPerDay: 20 }, 900),
    });
    await activeUser(h);
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
    expect((await login(h.deps, { email, password }, owner)).user.email).toBe(email);
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
    await activeUser(h);
    const verified = countVerifications(h);
    h.deps.limiter.take = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    expect(await reasonOf(login(h.deps, { email, password }, owner))).toBe("SERVICE_UNAVAILABLE");
    expect(verified()).toBe(0);
  });
});
