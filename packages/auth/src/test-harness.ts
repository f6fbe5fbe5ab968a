import type { SignupInput } from "@latch/validators";
import { WEBHOOK_EVENT_TYPES } from "@latch/validators";
import { Secret } from "otpauth";
import { activate } from "./account/activate";
import { signup } from "./account/signup";
import type { AuthDeps, AuthPolicy } from "./deps";
import { AuthError } from "./errors";
import { defaultLimitSettings, limitPolicy } from "./limits";
import { beginTotpEnrolment, confirmTotpEnrolment } from "./mfa/enrol-totp";
import { totpCodeAt } from "./mfa/totp";
import { deliverDueNotices } from "./notices/deliver-notices";
import { createArgon2Hasher } from "./passwords/passwords";
import { cryptoRandom } from "./ports/clock-and-random";
import type { Notice, NoticeSender } from "./ports/notices";
import type { WebhookMessage, WebhookSender } from "./ports/webhooks";
import { authenticate } from "./sessions/authenticate";
import { type LoginResult, login } from "./sessions/login";
import { REVOCATIONS_INTACT_MARKER } from "./sessions/revocation";
import type { SignedIn } from "./sessions/sessions";
import {
  createCountingKeyStore,
  createFakeKeyStore,
  createFixedWindowLimiter,
  createMemoryDatabase,
  createSwitchableRevocationFeed,
} from "./testing";
import { generateSigningKey } from "./tokens/signing-keys";
import { createTokenService } from "./tokens/token-service";

/** The password the helpers below sign up with, unless told another. */
const DEFAULT_PASSWORD = "correct horse battery";

const policy: AuthPolicy = {
  appUrl: "https://latch.test",
  // The web app's paths, so links read as they do in mail; their one table (webPages) is in
  // the composition root, which imports this package and so cannot be imported by it.
  pages: {
    activate: "/activate",
    resetPassword: "/reset-password",
    confirmEmail: "/confirm-email",
    loginByEmail: "/login/email",
    login: "/login",
    forgotPassword: "/forgot-password",
    signup: "/signup",
    account: "/account",
  },
  totpIssuer: "Latch",
  activationKeyTtlSeconds: 900,
  activationRefreshWindowSeconds: 7 * 24 * 3600,
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 86_400,
  passwordResetTtlSeconds: 900,
  emailChangeTtlSeconds: 3600,
  passwordlessTtlSeconds: 900,
  unactivatedAccountTtlDays: 30,
  auditRetentionDays: 400,
  emailsPerAddressPerHour: 5,
  sessionMaxLifetimeSeconds: 30 * 24 * 3600,
  limits: limitPolicy(defaultLimitSettings, 900),
  outbox: {
    batchSize: 10,
    leaseSeconds: 60,
    maxAttempts: 5,
    retryBaseSeconds: 10,
    retryMaxSeconds: 600,
    keepFinishedDays: 7,
  },
};

interface SentNotice {
  notice: Notice;
  idempotencyKey: string;
}

/** Records what the outbox sends; `fail` makes the next sends throw (a provider outage). */
function recordingSender() {
  const sent: SentNotice[] = [];
  const sender: NoticeSender & { fail: Error | null } = {
    fail: null,
    async send(notice, { idempotencyKey }) {
      if (sender.fail) throw sender.fail;
      sent.push({ notice: structuredClone(notice), idempotencyKey });
    },
  };
  return { sent, sender };
}

/**
 * Records the webhooks the outbox posts; `fail` makes the next posts throw (a
 * receiver answering 500), `refused` lists hosts whose URLs checkUrl refuses.
 */
function recordingWebhookSender() {
  const posted: Array<WebhookMessage & { at: Date }> = [];
  const webhooks: WebhookSender & { fail: Error | null; refused: Set<string> } = {
    fail: null,
    refused: new Set(),
    async checkUrl(url) {
      const host = new URL(url).hostname;
      return webhooks.refused.has(host)
        ? { allowed: false, reason: `${host} is a private address` }
        : { allowed: true };
    },
    async send(message, at) {
      if (webhooks.fail) throw webhooks.fail;
      posted.push({ ...structuredClone(message), at });
    },
  };
  return { posted, webhooks };
}

/**
 * The domain on in-memory parts and a clock the test moves by hand. Argon2 runs
 * for real, with small parameters: these tests are about flows, not cost.
 */
export async function createHarness(overrides: Partial<AuthPolicy> = {}) {
  let now = new Date("2026-03-01T12:00:00.000Z");
  const clock = { now: () => new Date(now) };
  const keys = createCountingKeyStore(createFakeKeyStore(() => now.getTime()));
  const limiter = createFixedWindowLimiter(() => now.getTime());
  const feed = createSwitchableRevocationFeed();
  const { sent, sender } = recordingSender();
  const { posted, webhooks } = recordingWebhookSender();
  const fullPolicy = { ...policy, ...overrides };
  let wakes = 0;
  const deps: AuthDeps = {
    clock,
    random: cryptoRandom,
    keys,
    feed,
    limiter,
    db: createMemoryDatabase(),
    notices: sender,
    webhooks,
    passwords: createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    tokens: await createTokenService({
      issuer: fullPolicy.appUrl,
      signingKey: await generateSigningKey(),
      accessTtlSeconds: fullPolicy.accessTokenTtlSeconds,
      refreshTtlSeconds: fullPolicy.refreshTokenTtlSeconds,
    }),
    identityProviders: [],
    secret: new TextEncoder().encode("a-test-secret-of-at-least-32-bytes!!"),
    policy: fullPolicy,
    wakeOutbox: () => {
      wakes += 1;
    },
  };

  /** Runs the outbox worker until nothing is due at the harness's current time. */
  async function settle() {
    while ((await deliverDueNotices(deps)).claimed > 0) {}
  }

  async function emailsTo(email: string): Promise<Notice[]> {
    await settle();
    return sent.filter((entry) => entry.notice.to === email).map((entry) => entry.notice);
  }

  /** The key of the newest link to `${appUrl}/${path}/<key>` sent to `email`. */
  async function latestKey(email: string, path: string): Promise<string> {
    const pattern = new RegExp(`/${path}/([A-Za-z0-9_-]{32})$`);
    const key = (await emailsTo(email))
      .map((notice) => ("link" in notice ? notice.link.match(pattern)?.[1] : undefined))
      .findLast((found) => found !== undefined);
    if (!key) throw new Error(`no notice with a /${path}/ link for ${email}`);
    return key;
  }

  /** Signs `email` up and activates it with the mailed link: an active account, one session. */
  async function activeUser(email = "ann@example.com", password = DEFAULT_PASSWORD) {
    await signup(deps, { email, password });
    await settle();
    return activate(deps, { key: await latestKey(email, "activate"), password }, meta);
  }

  return {
    deps,
    keys,
    feed,
    limiter,
    sender,
    /** The fake webhook sender (set `fail` or `refused`) and what it posted, oldest first. */
    webhooks,
    posted,
    activeUser,
    /** An active account with two sessions (activation, then a phone's login), each with its caller. */
    async signedInTwice(email = "ann@example.com", password = DEFAULT_PASSWORD) {
      const first = await activeUser(email, password);
      const second = signedIn(
        await login(deps, { email, password }, { userAgent: "phone", ip: "198.51.100.23" }),
      );
      return {
        first: { ...first, caller: await authenticate(deps, first.tokens.access) },
        second: { ...second, caller: await authenticate(deps, second.tokens.access) },
      };
    },
    /**
     * An active account with TOTP turned on, as a person does it: begin with the
     * password, confirm with the app's code. `code(offsetSteps)` is the app's code now.
     */
    async enrolledUser(email = "ann@example.com", password = DEFAULT_PASSWORD) {
      const activated = await activeUser(email, password);
      const caller = await authenticate(deps, activated.tokens.access);
      const { secret } = await beginTotpEnrolment(deps, caller, { password });
      const code = (offsetSteps = 0) =>
        totpCodeAt(Secret.fromBase32(secret).bytes, new Date(now.getTime() + offsetSteps * 30_000));
      const { recoveryCodes } = await confirmTotpEnrolment(deps, caller, { code: code() });
      return { ...activated, caller, secret, code, recoveryCodes };
    },
    /** Ages the revocation marker past one access lifetime: the steady state of a long-running store. */
    async vouchForRevocations() {
      const since = now.getTime() - fullPolicy.accessTokenTtlSeconds * 1000;
      await keys.set(REVOCATIONS_INTACT_MARKER, String(since), 3600);
    },
    /** Every notice sent so far, with its idempotency key (without running the worker). */
    sent,
    /** How often the domain woke the outbox worker. */
    wakes: () => wakes,
    /** Every audit event recorded so far, oldest first (of one account, with `userId`). */
    async events(userId?: string) {
      const events = await deps.db.audit.list({ ...(userId ? { userId } : {}), limit: 10_000 });
      return events.reverse();
    },
    /**
     * A webhook endpoint subscribed to every event; what it returns lists the
     * webhook payloads queued for it so far, oldest first.
     */
    async webhookReceiver() {
      const id = crypto.randomUUID();
      await deps.db.webhooks.create({
        id,
        url: "https://hooks.example.com/latch",
        events: [...WEBHOOK_EVENT_TYPES],
        encryptedSecret: "sealed",
        createdAt: new Date(now),
      });
      return async () => {
        const deliveries = await deps.db.webhooks.deliveries(id, 10_000);
        return deliveries.reverse().map((delivery) => delivery.type);
      };
    },
    /**
     * The next transaction runs, then fails as a commit does when PostgreSQL goes
     * away: everything it wrote is rolled back and the caller sees an outage.
     */
    failNextCommit() {
      const transaction = deps.db.transaction.bind(deps.db);
      deps.db.transaction = async (fn) => {
        deps.db.transaction = transaction;
        await transaction(async (tx) => {
          await fn(tx);
          throw new AuthError("SERVICE_UNAVAILABLE");
        });
        throw new Error("unreachable: the transaction above always fails");
      };
    },
    /** Counts the database transactions opened from now on (a budget test's count). */
    countTransactions() {
      let count = 0;
      const transaction = deps.db.transaction.bind(deps.db);
      deps.db.transaction = (fn) => {
        count++;
        return transaction(fn);
      };
      return () => count;
    },
    settle,
    /** Signs up, then lets the outbox send what it queued. */
    async signup(input: SignupInput) {
      const result = await signup(deps, input);
      await settle();
      return result;
    },
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
    /** The key from the newest activation notice sent to `email` (after running the worker). */
    latestActivationKey(email: string): Promise<string> {
      return latestKey(email, "activate");
    },
    latestKey,
    /** The notices sent to `email`, oldest first, after running the worker. */
    emailsTo,
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

/** The tokens of a login that needed no second factor, or a test failure. */
export function signedIn(result: LoginResult): SignedIn {
  if ("status" in result)
    throw new Error("expected tokens, but the login asks for a second factor");
  return result;
}
