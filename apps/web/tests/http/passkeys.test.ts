import { createSoftwareAuthenticator } from "@latch/auth/testing";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, failureReason, typedClient } from "./support/client";
import { type RealServicesApp, startRealServicesApp } from "./support/real-services";

const password = "correct horse battery staple";

/** Passkeys over HTTP, against the production build on real services, with a software authenticator. */
describe("passkeys on real PostgreSQL and Redis", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true" });
  });
  afterAll(() => real?.stop());

  /** An active account with one passkey, registered through auth.passkeys.* with its access token. */
  async function accountWithPasskey(email: string) {
    const client = typedClient(real.app.url);
    await client.auth.signup.mutate({ email, password });
    const link = await real.linkFor(email, /\/activate\/[A-Za-z0-9_-]{32}/);
    const { tokens } = await client.auth.activate.mutate({
      key: link.split("/").pop() ?? "",
      password,
    });
    const account = typedClient(real.app.url, () => tokens.access);
    const authenticator = createSoftwareAuthenticator({ origin: real.app.url });
    const options = await account.auth.passkeys.generateRegistrationOptions.mutate({ password });
    const response = authenticator.register(options);
    const { passkey } = await account.auth.passkeys.verifyRegistrationResponse.mutate({
      name: "Laptop",
      response,
    });
    return { account, authenticator, passkey, tokens };
  }

  const subjects = (email: string) =>
    real
      .delivered()
      .filter((entry) => JSON.stringify(entry.body.to).includes(email))
      .map((entry) => String(entry.body.subject));

  it("registers a passkey, signs in with it alone, and refuses the same response twice", async () => {
    const email = `passkey.${Date.now()}@example.com`;
    const ip = "198.51.100.71";
    const { account, authenticator, passkey } = await accountWithPasskey(email);
    expect(await account.auth.passkeys.list.query()).toEqual({ passkeys: [passkey] });
    await expect
      .poll(() => subjects(email).join("\n"), { timeout: 10_000 })
      .toMatch(/a passkey was added/);

    const options = await call(real.app.url, "auth.passkeys.generateAuthenticationOptions", {
      ip,
    });
    expect(options.data).toMatchObject({
      rpId: "127.0.0.1",
      userVerification: "required",
      allowCredentials: [],
    });
    const response = authenticator.authenticate(
      options.data as Parameters<typeof authenticator.authenticate>[0],
    );
    const signed = await call(real.app.url, "auth.passkeys.verifyAuthenticationResponse", {
      input: { response },
      ip,
    });
    expect(signed.status).toBe(200);
    expect(signed.data).toMatchObject({ user: { email }, tokens: { access: expect.any(String) } });
    const replay = await call(real.app.url, "auth.passkeys.verifyAuthenticationResponse", {
      input: { response },
      ip,
    });
    expect([replay.status, replay.reason]).toEqual([400, "PASSKEY_CHALLENGE_INVALID"]);
    const [used] = (await account.auth.passkeys.list.query()).passkeys;
    expect(used?.lastUsedAt).toEqual(expect.any(String));
  });

  it("logs in with a passkey in two round trips (options, then the signed response)", async () => {
    const { authenticator } = await accountWithPasskey(`passkey.timed.${Date.now()}@example.com`);
    const durations: number[] = [];
    for (let i = 0; i < 10; i++) {
      const ip = `203.0.113.${100 + i}`;
      const started = performance.now();
      const options = await call(real.app.url, "auth.passkeys.generateAuthenticationOptions", {
        ip,
      });
      const response = authenticator.authenticate(
        options.data as Parameters<typeof authenticator.authenticate>[0],
      );
      const signed = await call(real.app.url, "auth.passkeys.verifyAuthenticationResponse", {
        input: { response },
        ip,
      });
      durations.push(performance.now() - started);
      expect(signed.status).toBe(200);
    }
    const sorted = [...durations].sort((a, b) => a - b);
    console.log(
      `[passkey] login, 2 round trips: median ${sorted[5]?.toFixed(1)} ms, max ${sorted[9]?.toFixed(1)} ms over 10`,
    );
  });

  it("offers and accepts the passkey as the second step of a login with TOTP", async () => {
    const email = `passkey.2fa.${Date.now()}@example.com`;
    const ip = "198.51.100.72";
    const { account, authenticator } = await accountWithPasskey(email);
    const { secret } = await account.auth.mfa.totp.begin.mutate({ password });
    await account.auth.mfa.totp.confirm.mutate({
      code: new TOTP({ secret: Secret.fromBase32(secret) }).generate(),
    });
    const login = await call(real.app.url, "auth.login", { input: { email, password }, ip });
    expect(login.data).toMatchObject({ methods: ["totp", "recovery_code", "passkey"] });
    const { ticket } = login.data as { ticket: string };
    const options = await call(real.app.url, "auth.passkeys.generateAuthenticationOptions", {
      input: { ticket },
      ip,
    });
    const bound = options.data as Parameters<typeof authenticator.authenticate>[0];
    expect(bound.allowCredentials).toHaveLength(1);
    const signed = await call(real.app.url, "auth.passkeys.verifyAuthenticationResponse", {
      input: { ticket, response: authenticator.authenticate(bound) },
      ip,
    });
    expect(signed.data).toMatchObject({ user: { email } });
  });

  it("evaluates at most 20 of 30 parallel passkey sign-ins from one client", async () => {
    const email = `passkey.burst.${Date.now()}@example.com`;
    const { authenticator } = await accountWithPasskey(email);
    const ip = "198.51.100.73";
    // Never issued: each would be refused, if it were evaluated at all.
    const forged = Array.from({ length: 30 }, (_, i) =>
      authenticator.authenticate({
        challenge: Buffer.alloc(32, i).toString("base64url"),
        rpId: "127.0.0.1",
      }),
    );
    const answers = await Promise.all(
      forged.map((response) =>
        call(real.app.url, "auth.passkeys.verifyAuthenticationResponse", {
          input: { response },
          ip,
        }),
      ),
    );
    expect(answers.filter((a) => a.reason === "PASSKEY_CHALLENGE_INVALID")).toHaveLength(20);
    expect(answers.filter((a) => a.reason === "RATE_LIMITED")).toHaveLength(10);
  });

  it("removes a passkey only for its owner, with a notice", async () => {
    const email = `passkey.remove.${Date.now()}@example.com`;
    const { account, passkey } = await accountWithPasskey(email);
    const other = await accountWithPasskey(`passkey.other.${Date.now()}@example.com`);
    expect(await failureReason(other.account.auth.passkeys.remove.mutate({ id: passkey.id }))).toBe(
      "PASSKEY_NOT_FOUND",
    );
    expect(await account.auth.passkeys.remove.mutate({ id: passkey.id })).toEqual({
      status: "removed",
    });
    expect(await account.auth.passkeys.list.query()).toEqual({ passkeys: [] });
    await expect
      .poll(() => subjects(email).join("\n"), { timeout: 10_000 })
      .toMatch(/a passkey was removed/);
  });
});
