import { describe, expect, it } from "vitest";
import type { SecondFactorRequired } from "../mfa/login-ticket";
import { login } from "../sessions/login";
import { createHarness, type Harness, meta, reasonOf } from "../test-harness";
import { createSoftwareAuthenticator } from "../testing";
import { listPasskeys, removePasskey } from "./manage-passkeys";
import { generatePasskeyRegistrationOptions, verifyPasskeyRegistration } from "./register-passkey";
import { generatePasskeySignInOptions, verifyPasskeySignIn } from "./sign-in-with-passkey";

const email = "ann@example.com";
const password = "correct horse battery";
const origin = "https://latch.test";

/** An account with one passkey on a software authenticator; `totp` turns two-step sign-in on first. */
async function withPasskey(
  h: Harness,
  { totp = false, counting = "increments" as "increments" | "zero" } = {},
) {
  const caller = totp ? (await h.enrolledUser()).caller : (await h.signedInTwice()).first.caller;
  const authenticator = createSoftwareAuthenticator({ origin, counting });
  const options = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
  const response = authenticator.register(options);
  await verifyPasskeyRegistration(h.deps, caller, { name: "Laptop", response });
  return { caller, authenticator };
}

describe("signing in with a passkey", () => {
  it("signs in with a passkey alone, and records when it was used", async () => {
    const h = await createHarness();
    const { caller, authenticator } = await withPasskey(h);
    const options = await generatePasskeySignInOptions(h.deps, {}, meta);
    expect(options.allowCredentials).toEqual([]);
    expect(options.userVerification).toBe("required");
    h.advance(60);
    const response = authenticator.authenticate(options);
    const signed = await verifyPasskeySignIn(h.deps, { response }, meta);
    expect(signed.user).toEqual({ id: caller.userId, email });
    expect(signed.tokens.access).toEqual(expect.any(String));
    const [passkey] = (await listPasskeys(h.deps, caller)).passkeys;
    expect(passkey?.lastUsedAt).toBe("2026-03-01T12:01:00.000Z");
  });

  it("signs in with a passkey alone also when two-step sign-in is on", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h, { totp: true });
    const options = await generatePasskeySignInOptions(h.deps, {}, meta);
    const signed = await verifyPasskeySignIn(
      h.deps,
      { response: authenticator.authenticate(options) },
      meta,
    );
    expect(signed.user.email).toBe(email);
  });

  it("takes each challenge once: a replayed response signs nobody in", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h);
    const options = await generatePasskeySignInOptions(h.deps, {}, meta);
    const response = authenticator.authenticate(options);
    const both = await Promise.allSettled([
      verifyPasskeySignIn(h.deps, { response }, meta),
      verifyPasskeySignIn(h.deps, { response }, meta),
    ]);
    expect(both.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await reasonOf(verifyPasskeySignIn(h.deps, { response }, meta))).toBe(
      "PASSKEY_CHALLENGE_INVALID",
    );
  });

  it("refuses a challenge older than 5 minutes", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h);
    const options = await generatePasskeySignInOptions(h.deps, {}, meta);
    h.advance(301);
    const response = authenticator.authenticate(options);
    expect(await reasonOf(verifyPasskeySignIn(h.deps, { response }, meta))).toBe(
      "PASSKEY_CHALLENGE_INVALID",
    );
  });

  it("refuses a challenge the server never issued", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h);
    const options = await generatePasskeySignInOptions(h.deps, {}, meta);
    const forged = { ...options, challenge: "A".repeat(43) };
    const response = authenticator.authenticate(forged);
    expect(await reasonOf(verifyPasskeySignIn(h.deps, { response }, meta))).toBe(
      "PASSKEY_CHALLENGE_INVALID",
    );
  });

  it("refuses a registration's challenge for a sign-in", async () => {
    const h = await createHarness();
    const { caller, authenticator } = await withPasskey(h);
    const registration = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
    const response = authenticator.authenticate({
      challenge: registration.challenge,
      rpId: "latch.test",
    });
    expect(await reasonOf(verifyPasskeySignIn(h.deps, { response }, meta))).toBe(
      "PASSKEY_CHALLENGE_INVALID",
    );
  });

  it.each([
    ["another origin", { origin: "https://evil.example" }],
    ["another RP ID", { rpId: "evil.example" }],
    ["no user verification", { userVerified: false }],
  ])("refuses an assertion made for %s", async (_, overrides) => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h);
    const options = await generatePasskeySignInOptions(h.deps, {}, meta);
    const response = authenticator.authenticate(options, overrides);
    expect(await reasonOf(verifyPasskeySignIn(h.deps, { response }, meta))).toBe("PASSKEY_INVALID");
  });

  it("refuses a signature counter that went backwards or stood still (a cloned authenticator)", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h);
    const first = await generatePasskeySignInOptions(h.deps, {}, meta);
    await verifyPasskeySignIn(
      h.deps,
      { response: authenticator.authenticate(first, { counter: 7 }) },
      meta,
    );
    for (const counter of [7, 3, 0]) {
      const options = await generatePasskeySignInOptions(h.deps, {}, meta);
      const response = authenticator.authenticate(options, { counter });
      expect(await reasonOf(verifyPasskeySignIn(h.deps, { response }, meta))).toBe(
        "PASSKEY_INVALID",
      );
    }
  });

  it("accepts an authenticator that always reports 0", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h, { counting: "zero" });
    for (let round = 0; round < 2; round++) {
      const options = await generatePasskeySignInOptions(h.deps, {}, meta);
      const response = authenticator.authenticate(options);
      expect((await verifyPasskeySignIn(h.deps, { response }, meta)).user.email).toBe(email);
    }
  });

  it("refuses a passkey that was removed", async () => {
    const h = await createHarness();
    const { caller, authenticator } = await withPasskey(h);
    const [passkey] = (await listPasskeys(h.deps, caller)).passkeys;
    await removePasskey(h.deps, caller, { id: passkey?.id ?? "" });
    const options = await generatePasskeySignInOptions(h.deps, {}, meta);
    const response = authenticator.authenticate(options);
    expect(await reasonOf(verifyPasskeySignIn(h.deps, { response }, meta))).toBe("PASSKEY_INVALID");
  });
});

describe("a passkey as the second step of a login", () => {
  async function ticketFor(h: Harness): Promise<SecondFactorRequired> {
    const result = await login(h.deps, { email, password }, meta);
    if (!("status" in result)) throw new Error("expected a ticket");
    return result;
  }

  it("is offered when the account has one, and completes the login with its ticket once", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h, { totp: true });
    const { ticket, methods } = await ticketFor(h);
    expect(methods).toEqual(["totp", "recovery_code", "passkey"]);
    const options = await generatePasskeySignInOptions(h.deps, { ticket }, meta);
    expect(options.allowCredentials).toHaveLength(1);
    const response = authenticator.authenticate(options);
    const signed = await verifyPasskeySignIn(h.deps, { ticket, response }, meta);
    expect(signed.user.email).toBe(email);
    expect(await reasonOf(generatePasskeySignInOptions(h.deps, { ticket }, meta))).toBe(
      "LOGIN_TICKET_INVALID",
    );
  });

  it("is not offered to an account without passkeys", async () => {
    const h = await createHarness();
    await h.enrolledUser();
    expect((await ticketFor(h)).methods).toEqual(["totp", "recovery_code"]);
  });

  it("refuses another account's passkey on this login's ticket", async () => {
    const h = await createHarness();
    await withPasskey(h, { totp: true });
    const bob = await h.signedInTwice("bob@example.com");
    const bobsKey = createSoftwareAuthenticator({ origin });
    const registration = await generatePasskeyRegistrationOptions(h.deps, bob.first.caller, {
      password,
    });
    await verifyPasskeyRegistration(h.deps, bob.first.caller, {
      name: "Bob's",
      response: bobsKey.register(registration),
    });
    const { ticket } = await ticketFor(h);
    const options = await generatePasskeySignInOptions(h.deps, { ticket }, meta);
    const response = bobsKey.authenticate({ ...options, allowCredentials: [] });
    expect(await reasonOf(verifyPasskeySignIn(h.deps, { ticket, response }, meta))).toBe(
      "LOGIN_TICKET_INVALID",
    );
  });

  it("refuses a sign-in challenge on a ticket, and a ticket's challenge without it", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h, { totp: true });
    const { ticket } = await ticketFor(h);
    const alone = await generatePasskeySignInOptions(h.deps, {}, meta);
    expect(
      await reasonOf(
        verifyPasskeySignIn(h.deps, { ticket, response: authenticator.authenticate(alone) }, meta),
      ),
    ).toBe("PASSKEY_CHALLENGE_INVALID");
    const bound = await generatePasskeySignInOptions(h.deps, { ticket }, meta);
    expect(
      await reasonOf(
        verifyPasskeySignIn(h.deps, { response: authenticator.authenticate(bound) }, meta),
      ),
    ).toBe("PASSKEY_CHALLENGE_INVALID");
  });

  it("a database failure after the challenge was taken gives it back: the same response signs in on retry", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h);
    const options = await generatePasskeySignInOptions(h.deps, {}, meta);
    const response = authenticator.authenticate(options);
    h.failNextCommit();
    expect(await reasonOf(verifyPasskeySignIn(h.deps, { response }, meta))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect((await verifyPasskeySignIn(h.deps, { response }, meta)).user.email).toBe(email);
  });

  it("a database failure in a passkey's second step gives the ticket and the challenge back", async () => {
    const h = await createHarness();
    const { authenticator } = await withPasskey(h, { totp: true });
    const first = (await login(h.deps, { email, password }, meta)) as SecondFactorRequired;
    const options = await generatePasskeySignInOptions(h.deps, { ticket: first.ticket }, meta);
    const response = authenticator.authenticate(options);
    h.failNextCommit();
    expect(
      await reasonOf(verifyPasskeySignIn(h.deps, { ticket: first.ticket, response }, meta)),
    ).toBe("SERVICE_UNAVAILABLE");
    const signed = await verifyPasskeySignIn(h.deps, { ticket: first.ticket, response }, meta);
    expect(signed.user.email).toBe(email);
  });
});

describe("passkeys in the audit trail", () => {
  it("records the passkey's addition and a sign-in with it", async () => {
    const h = await createHarness();
    const { caller, authenticator } = await withPasskey(h);
    const options = await generatePasskeySignInOptions(h.deps, {}, meta);
    await verifyPasskeySignIn(h.deps, { response: authenticator.authenticate(options) }, meta);
    const events = (await h.events(caller.userId)).slice(-2);
    expect(events.map((event) => [event.type, event.detail.change ?? event.detail.method])).toEqual(
      [
        ["second_factor.changed", "passkey_added"],
        ["login.succeeded", "passkey"],
      ],
    );
  });

  it("records a passkey as a passed second step, and the login it completes", async () => {
    const h = await createHarness();
    const { caller, authenticator } = await withPasskey(h, { totp: true });
    const result = await login(h.deps, { email, password }, meta);
    if (!("ticket" in result)) throw new Error("expected a ticket");
    const options = await generatePasskeySignInOptions(h.deps, { ticket: result.ticket }, meta);
    const response = authenticator.authenticate(options);
    await verifyPasskeySignIn(h.deps, { ticket: result.ticket, response }, meta);
    const types = (await h.events(caller.userId)).slice(-2).map((event) => event.type);
    expect(types).toEqual(["second_step.passed", "login.succeeded"]);
  });

  it("records a passkey's removal", async () => {
    const h = await createHarness();
    const { caller } = await withPasskey(h);
    const [passkey] = (await listPasskeys(h.deps, caller)).passkeys;
    await removePasskey(h.deps, caller, { id: passkey?.id ?? "" }, meta);
    const [event] = (await h.events(caller.userId)).slice(-1);
    expect(event?.detail).toEqual({ change: "passkey_removed", passkeyId: passkey?.id });
  });
});
