import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/client";
import {
  nthActivationKey,
  outboxIdle,
  type RealServicesApp,
  startRealServicesApp,
} from "./support/real-services";

const password = "correct horse battery staple";
/** Readiness shows the outbox's counts to the operator only. */
const OPERATOR_SECRET = "an-operator-secret-for-the-timing-suite-0123";
let sample = 0;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * Answers must not say whether an address has an account, not even in how
 * long they take. Interleaved samples (ABBA order, so drift hits both sides
 * alike) of a known and an unknown address; the medians must lie within a
 * few per cent of each other. Each sample is taken with the outbox idle:
 * the email a request queues is sent after its answer, whatever it says.
 * A comparison is measured again (fresh samples) when it fails: the other
 * suites run beside this one on two cores, and a burst of their work can
 * land on one side's samples once; a real difference between the branches
 * fails every attempt.
 */
describe("no enumeration by timing, over HTTP on real services", { retry: 2 }, () => {
  let real: RealServicesApp;
  const known = `known.${Date.now()}@example.com`;
  beforeAll(async () => {
    // Limits are not what this suite is about: it sends many requests for one address.
    real = await startRealServicesApp({
      TRUST_PROXY: "true",
      RATE_LIMIT_SCALE: "1000",
      CRON_SECRET: OPERATOR_SECRET,
    });
    await call(real.app.url, "auth.signup", { input: { email: known, password } });
    const key = await nthActivationKey(real, known, 1);
    await call(real.app.url, "auth.activate", { input: { key, password } });
  });
  afterAll(() => real?.stop());

  async function timed(procedure: string, input: unknown): Promise<number> {
    const started = performance.now();
    const result = await call(real.app.url, procedure, {
      input,
      ip: `203.0.113.${sample++ % 250}`,
    });
    const elapsed = performance.now() - started;
    expect(result.status).toBeLessThan(500);
    // Let the outbox send what this request queued, so the next sample is not measured
    // against the rendering and sending of this one's email.
    await outboxIdle(real, OPERATOR_SECRET, 5000);
    // And a moment more for what a delivery leaves behind (garbage from rendering the email).
    await new Promise((resolve) => setTimeout(resolve, 25));
    return elapsed;
  }

  async function compare(procedure: string, inputFor: (email: string) => unknown, pairs: number) {
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const unknown = `unknown.${i}.${Date.now()}@example.com`;
      if (i % 2 === 0) {
        knownTimes.push(await timed(procedure, inputFor(known)));
        unknownTimes.push(await timed(procedure, inputFor(unknown)));
      } else {
        unknownTimes.push(await timed(procedure, inputFor(unknown)));
        knownTimes.push(await timed(procedure, inputFor(known)));
      }
    }
    const [a, b] = [median(knownTimes), median(unknownTimes)];
    console.log(
      `[timing] ${procedure}: median ${a.toFixed(2)} ms (existing account) vs ${b.toFixed(2)} ms (no account), ${pairs} pairs`,
    );
    expect(Math.abs(a - b)).toBeLessThan(Math.max(1.5, 0.03 * Math.max(a, b)));
  }

  it("signup answers an existing account as fast as a new address", async () => {
    await compare("auth.signup", (email) => ({ email, password }), 100);
  });

  it("login fails a wrong password as slowly as an unknown address", async () => {
    await compare("auth.login", (email) => ({ email, password: "not the password" }), 100);
  });

  it("asking for a login email, and typing a wrong code, answer every address alike", async () => {
    await compare("auth.passwordless.start", (email) => ({ email }), 40);
    // The known address now has a live code (the last ask's), the unknown ones none.
    await compare("auth.passwordless.verify", (email) => ({ email, code: "000000" }), 40);
  });

  it("resend and reset answer every address alike", async () => {
    await compare("auth.resendActivation", (email) => ({ email }), 40);
    await compare("auth.requestPasswordReset", (email) => ({ email }), 40);
  });
});
