import { createCountingKeyStore, createMemoryKeyStore } from "@latch/keystore";
import { createDevMailbox } from "@latch/mail";
import type { SignupInput } from "@latch/validators";
import { type AuthDeps, type AuthPolicy, cryptoRandom } from "./deps";
import { defaultLimitSettings, limitPolicy } from "./limits";
import { createArgon2Hasher } from "./passwords";
import { signup } from "./signup";
import { createFixedWindowLimiter, createMemoryDatabase } from "./testing";
import { generateSigningKey } from "./tokens/signing-keys";
import { createTokenService } from "./tokens/token-service";

const policy: AuthPolicy = {
  appUrl: "https://latch.test",
  activationKeyTtlSeconds: 900,
  activationRefreshWindowSeconds: 7 * 24 * 3600,
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 86_400,
  passwordResetTtlSeconds: 900,
  emailChangeTtlSeconds: 3600,
  unactivatedAccountTtlDays: 30,
  emailsPerAddressPerHour: 5,
  sessionMaxLifetimeSeconds: 30 * 24 * 3600,
  limits: limitPolicy(defaultLimitSettings, 900),
};

/**
 * The domain on in-memory parts and a clock the test moves by hand. Argon2 runs
 * for real, with small parameters: these tests are about flows, not cost.
 */
export async function createHarness(overrides: Partial<AuthPolicy> = {}) {
  let now = new Date("2026-03-01T12:00:00.000Z");
  const clock = { now: () => new Date(now) };
  const keys = createCountingKeyStore(createMemoryKeyStore({ now: () => now.getTime() }));
  const limiter = createFixedWindowLimiter(() => now.getTime());
  const mailbox = createDevMailbox({ log: () => undefined, now: clock.now });
  const fullPolicy = { ...policy, ...overrides };
  // Deferred work is collected so a test can wait for it (settle) and see its failures.
  const deferred: Promise<void>[] = [];
  const deps: AuthDeps = {
    clock,
    random: cryptoRandom,
    keys,
    limiter,
    db: createMemoryDatabase(),
    mailer: mailbox,
    passwords: createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    tokens: await createTokenService({
      issuer: fullPolicy.appUrl,
      signingKey: await generateSigningKey(),
      accessTtlSeconds: fullPolicy.accessTokenTtlSeconds,
      refreshTtlSeconds: fullPolicy.refreshTokenTtlSeconds,
    }),
    secret: new TextEncoder().encode("a-test-secret-of-at-least-32-bytes!!"),
    policy: fullPolicy,
    defer: (task) => {
      deferred.push(task());
    },
  };

  function latestKey(email: string, path: string): string {
    const pattern = new RegExp(`/${path}/([A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])`);
    const message = mailbox.list().find((m) => m.to === email && pattern.test(m.text));
    const key = message?.text.match(pattern)?.[1];
    if (!key) throw new Error(`no email with a /${path}/ link for ${email}`);
    return key;
  }

  /** Waits for work deferred past the response (and fails the test if it threw). */
  async function settle() {
    await Promise.all(deferred.splice(0));
  }

  return {
    deps,
    keys,
    limiter,
    mailbox,
    settle,
    /** Signs up and waits for what happens after the answer (the account, the email). */
    async signup(input: SignupInput) {
      const result = await signup(deps, input);
      await settle();
      return result;
    },
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
    /** The key from the newest activation email sent to `email`. */
    latestActivationKey(email: string): string {
      return latestKey(email, "activate");
    },
    /** The key of the newest link to `${appUrl}/${path}/<key>` mailed to `email`. */
    latestKey,
    emailsTo(email: string) {
      return mailbox.list().filter((message) => message.to === email);
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export const meta = { userAgent: "vitest", ip: "203.0.113.9" };

/** Resolves to the AuthError reason a promise rejects with, or fails the test. */
export async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error && typeof error === "object" && "reason" in error) return String(error.reason);
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
