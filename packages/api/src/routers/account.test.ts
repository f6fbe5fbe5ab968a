import {
  type AuthDeps,
  createArgon2Hasher,
  createTokenService,
  cryptoRandom,
  defaultLimitSettings,
  deliverDueNotices,
  generateSigningKey,
  limitPolicy,
  type Notice,
  systemClock,
} from "@latch/auth";
import {
  createFakeKeyStore,
  createFixedWindowLimiter,
  createMemoryDatabase,
  createSwitchableRevocationFeed,
} from "@latch/auth/testing";
import { webPages } from "@latch/composition";
import { describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { describeError } from "../errors";
import { createCaller } from "../root";

/** The procedures over in-memory adapters, with the notices the outbox would send. */
async function inMemoryApi() {
  const sent: Notice[] = [];
  const deps: AuthDeps = {
    clock: systemClock,
    random: cryptoRandom,
    keys: createFakeKeyStore(() => Date.now()),
    feed: createSwitchableRevocationFeed(),
    limiter: createFixedWindowLimiter(() => Date.now()),
    db: createMemoryDatabase(),
    notices: { send: async (notice) => void sent.push(notice) },
    webhooks: {
      checkUrl: async () => ({ allowed: false, reason: "no webhooks here" }),
      send: () => Promise.reject(new Error("no webhooks here")),
    },
    passwords: createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    tokens: await createTokenService({
      issuer: "https://latch.test",
      signingKey: await generateSigningKey(),
      accessTtlSeconds: 900,
      refreshTtlSeconds: 86_400,
    }),
    identityProviders: [],
    secret: new TextEncoder().encode("a-test-secret-of-at-least-32-bytes!!"),
    wakeOutbox: () => undefined,
    policy: {
      appUrl: "https://latch.test",
      pages: webPages,
      totpIssuer: "Latch",
      activationKeyTtlSeconds: 900,
      activationRefreshWindowSeconds: 604_800,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 86_400,
      passwordResetTtlSeconds: 900,
      emailChangeTtlSeconds: 3600,
      passwordlessTtlSeconds: 900,
      unactivatedAccountTtlDays: 30,
      auditRetentionDays: 400,
      emailsPerAddressPerHour: 10,
      sessionMaxLifetimeSeconds: 30 * 86_400,
      limits: limitPolicy(defaultLimitSettings, 900),
      outbox: {
        batchSize: 10,
        leaseSeconds: 60,
        maxAttempts: 3,
        retryBaseSeconds: 1,
        retryMaxSeconds: 10,
        keepFinishedDays: 7,
      },
    },
  };
  const settle = async () => {
    while ((await deliverDueNotices(deps)).claimed > 0) {}
  };
  return { deps, sent, settle };
}

const password = "correct horse battery";

async function reasonOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
  } catch (error) {
    return describeError(error as never).data.reason;
  }
  return undefined;
}

describe("the email language procedures", () => {
  it("auth.signup gives the new account the request's language, and auth.account.setLocale changes it", async () => {
    const { deps, sent, settle } = await inMemoryApi();
    const german = createCaller(createContextInner({ deps, locale: "de" }));
    await german.auth.signup({ email: "ann@example.com", password });
    await settle();
    expect((await deps.db.users.findByEmail("ann@example.com"))?.locale).toBe("de");
    const activation = sent.find((notice) => notice.kind === "activation");
    expect(activation?.locale).toBe("de");

    const key = activation?.kind === "activation" ? activation.link.split("/").at(-1) : "";
    const { tokens } = await german.auth.activate({ key: key ?? "", password });
    // Whatever language the caller's request is in, the account's is what it sets.
    const caller = createCaller(
      createContextInner({ deps, locale: "fr", accessToken: tokens.access }),
    );
    expect(await caller.auth.account.setLocale({ locale: "ja" })).toEqual({ locale: "ja" });
    expect((await deps.db.users.findByEmail("ann@example.com"))?.locale).toBe("ja");
  });

  it("auth.account.setLocale refuses a language Latch has no catalogue for, and an anonymous caller", async () => {
    const { deps, settle, sent } = await inMemoryApi();
    const anonymous = createCaller(createContextInner({ deps }));
    await anonymous.auth.signup({ email: "ann@example.com", password });
    await settle();
    const activation = sent.find((notice) => notice.kind === "activation");
    const key = activation?.kind === "activation" ? activation.link.split("/").at(-1) : "";
    const { tokens } = await anonymous.auth.activate({ key: key ?? "", password });
    const caller = createCaller(createContextInner({ deps, accessToken: tokens.access }));

    for (const locale of ["xx", "pt-BR", "", "EN"]) {
      expect(await reasonOf(caller.auth.account.setLocale({ locale } as never))).toBe(
        "INVALID_INPUT",
      );
    }
    expect(await reasonOf(anonymous.auth.account.setLocale({ locale: "de" }))).toBe(
      "ACCESS_TOKEN_MISSING",
    );
    expect((await deps.db.users.findByEmail("ann@example.com"))?.locale).toBe("en");
  });
});
