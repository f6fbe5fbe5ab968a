import { createSoftwareAuthenticator } from "@latch/auth/testing";
import { Secret, TOTP } from "otpauth";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallResult, call, typedClient } from "../http/support/client";
import {
  nthActivationKey,
  type RealServicesApp,
  sessionCountOf,
} from "../http/support/real-services";
import { type AppBehindLines, startAppBehindLines } from "./support/app-behind-lines";
import type { CuttableLine, HttpLine } from "./support/cuttable-proxies";

const password = "correct horse battery staple";
const CRON_SECRET = "an-operator-secret-for-the-second-step-suite-0";

type Authenticator = ReturnType<typeof createSoftwareAuthenticator>;
type SignInOptions = Parameters<Authenticator["authenticate"]>[0];

function expectOutage(result: CallResult) {
  expect([result.status, result.reason], JSON.stringify(result.error)).toEqual([
    503,
    "SERVICE_UNAVAILABLE",
  ]);
  expect(Number(result.headers.get("retry-after"))).toBeGreaterThan(0);
}

/**
 * PostgreSQL or the key store cut in the middle of a login's second step and
 * of passkey ceremonies: 503 with a reason, nothing half-done (no session row
 * without tokens, no ticket, challenge or recovery code spent by the failed
 * attempt), and the very same step succeeds once the part is back.
 */
describe("outages during the second step of a login and passkey ceremonies", () => {
  let app: AppBehindLines;
  let real: RealServicesApp;
  let database: CuttableLine;
  let keyStore: HttpLine;
  let direct: pg.Client;

  beforeAll(async () => {
    app = await startAppBehindLines({
      DATABASE_TIMEOUT_MS: "1500",
      KEY_STORE_TIMEOUT_MS: "1000",
      RATE_LIMIT_TIMEOUT_MS: "1000",
      RATE_LIMIT_SCALE: "100",
      CRON_SECRET,
    });
    ({ real, database, keyStore } = app);
    direct = new pg.Client({ connectionString: real.databaseUrl });
    await direct.connect();
  });
  afterAll(async () => {
    await direct?.end();
    await app?.stop();
  });

  const url = () => real.app.url;
  /** Waits until both parts answer again, without spending anything of the step under test. */
  const recovered = () =>
    expect
      .poll(
        async () =>
          (
            await fetch(`${url()}/api/ready`, {
              headers: { authorization: `Bearer ${CRON_SECRET}` },
            })
          ).status,
        { timeout: 10_000 },
      )
      .toBe(200);
  /** Each account's first access token, for raw calls that check the answer's status and headers. */
  const accessTokens = new Map<string, string>();
  async function activeAccount(email: string) {
    const signup = await call(url(), "auth.signup", { input: { email, password } });
    expect(signup.status, JSON.stringify(signup.error)).toBe(200);
    const key = await nthActivationKey(real, email, 1);
    const activated = await call(url(), "auth.activate", { input: { key, password } });
    const { tokens } = activated.data as { tokens: { access: string } };
    accessTokens.set(email, tokens.access);
    return typedClient(url(), () => tokens.access);
  }

  async function withTotp(email: string) {
    const account = await activeAccount(email);
    const { secret } = await account.auth.mfa.totp.begin.mutate({ password });
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    const { recoveryCodes } = await account.auth.mfa.totp.confirm.mutate({
      code: totp.generate(),
    });
    return { account, totp, recoveryCodes };
  }

  async function ticketFor(email: string) {
    const first = await call(url(), "auth.login", { input: { email, password } });
    expect(first.status).toBe(200);
    return (first.data as { ticket: string }).ticket;
  }

  async function withPasskey(email: string) {
    const account = await activeAccount(email);
    const authenticator = createSoftwareAuthenticator({ origin: url() });
    const options = await account.auth.passkeys.generateRegistrationOptions.mutate({ password });
    await account.auth.passkeys.verifyRegistrationResponse.mutate({
      name: "Laptop",
      response: authenticator.register(options),
    });
    return { account, authenticator };
  }

  async function signInResponse(authenticator: Authenticator) {
    const options = await call(url(), "auth.passkeys.generateAuthenticationOptions");
    expect(options.status).toBe(200);
    return authenticator.authenticate(options.data as SignInOptions);
  }

  it("completeLogin with PostgreSQL cut: 503, the recovery code and the ticket stay usable, the retry signs in", async () => {
    const email = `second-step.db.${Date.now()}@example.com`;
    const { account, recoveryCodes } = await withTotp(email);
    const ticket = await ticketFor(email);
    const recoveryCode = recoveryCodes[0] ?? "";
    const before = await sessionCountOf(direct, email);
    database.set("refuse");
    try {
      expectOutage(await call(url(), "auth.completeLogin", { input: { ticket, recoveryCode } }));
    } finally {
      database.set("pass");
    }
    expect(await sessionCountOf(direct, email)).toBe(before);
    await recovered();
    const retry = await call(url(), "auth.completeLogin", { input: { ticket, recoveryCode } });
    expect(retry.status, JSON.stringify(retry.error)).toBe(200);
    expect(await sessionCountOf(direct, email)).toBe(before + 1);
    expect((await account.auth.mfa.status.query()).recoveryCodesLeft).toBe(9);
  });

  it("completeLogin with the key store cut: 503, then the same ticket and code sign in", async () => {
    const email = `second-step.keys.${Date.now()}@example.com`;
    const { totp } = await withTotp(email);
    const ticket = await ticketFor(email);
    // The enrolment used this step's code; the next step's is accepted too (one step of drift).
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    const before = await sessionCountOf(direct, email);
    keyStore.set("refuse");
    try {
      expectOutage(await call(url(), "auth.completeLogin", { input: { ticket, code } }));
    } finally {
      keyStore.set("pass");
    }
    expect(await sessionCountOf(direct, email)).toBe(before);
    await recovered();
    const retry = await call(url(), "auth.completeLogin", { input: { ticket, code } });
    expect(retry.status, JSON.stringify(retry.error)).toBe(200);
    expect(await sessionCountOf(direct, email)).toBe(before + 1);
  });

  it("passkey sign-in with PostgreSQL cut: 503, and the same signed response signs in once it is back", async () => {
    const email = `passkey.db.${Date.now()}@example.com`;
    const { authenticator } = await withPasskey(email);
    const response = await signInResponse(authenticator);
    const before = await sessionCountOf(direct, email);
    database.set("refuse");
    try {
      expectOutage(
        await call(url(), "auth.passkeys.verifyAuthenticationResponse", { input: { response } }),
      );
    } finally {
      database.set("pass");
    }
    expect(await sessionCountOf(direct, email)).toBe(before);
    await recovered();
    const retry = await call(url(), "auth.passkeys.verifyAuthenticationResponse", {
      input: { response },
    });
    expect([retry.status, retry.reason]).toEqual([200, null]);
    expect(await sessionCountOf(direct, email)).toBe(before + 1);
  });

  it("passkey sign-in with the key store cut: options and verification answer 503, the retry signs in", async () => {
    const email = `passkey.keys.${Date.now()}@example.com`;
    const { authenticator } = await withPasskey(email);
    const response = await signInResponse(authenticator);
    keyStore.set("refuse");
    try {
      expectOutage(await call(url(), "auth.passkeys.generateAuthenticationOptions"));
      expectOutage(
        await call(url(), "auth.passkeys.verifyAuthenticationResponse", { input: { response } }),
      );
    } finally {
      keyStore.set("pass");
    }
    await recovered();
    const retry = await call(url(), "auth.passkeys.verifyAuthenticationResponse", {
      input: { response },
    });
    expect([retry.status, retry.reason]).toEqual([200, null]);
  });

  it("passkey registration with PostgreSQL cut: 503 for options and for the response, which registers once it is back", async () => {
    const email = `passkey.register.${Date.now()}@example.com`;
    const account = await activeAccount(email);
    const authenticator = createSoftwareAuthenticator({ origin: url() });
    // As in production a quarter hour after Redis last lost state: the access check needs no PostgreSQL.
    await real.vouchForRevocations();
    const options = await account.auth.passkeys.generateRegistrationOptions.mutate({ password });
    const response = authenticator.register(options);
    const asOwner = { accessToken: accessTokens.get(email) ?? "" };
    database.set("refuse");
    try {
      expectOutage(
        await call(url(), "auth.passkeys.generateRegistrationOptions", {
          ...asOwner,
          input: { password },
        }),
      );
      expectOutage(
        await call(url(), "auth.passkeys.verifyRegistrationResponse", {
          ...asOwner,
          input: { name: "Laptop", response },
        }),
      );
    } finally {
      database.set("pass");
    }
    await recovered();
    await account.auth.passkeys.verifyRegistrationResponse.mutate({ name: "Laptop", response });
    expect((await account.auth.passkeys.list.query()).passkeys).toHaveLength(1);
  });
});
