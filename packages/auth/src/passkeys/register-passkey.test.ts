import { describe, expect, it } from "vitest";
import { createHarness, type Harness, reasonOf } from "../test-harness";
import { createSoftwareAuthenticator } from "../testing";
import { listPasskeys } from "./manage-passkeys";
import { generatePasskeyRegistrationOptions, verifyPasskeyRegistration } from "./register-passkey";

const password = "correct horse battery";
const origin = "https://latch.test";

async function signedInUser(h: Harness) {
  const { caller } = (await h.signedInTwice()).first;
  return caller;
}

describe("registering a passkey", () => {
  it("asks for the password, then stores a discoverable, user-verified passkey with a notice", async () => {
    const h = await createHarness();
    const caller = await signedInUser(h);
    const authenticator = createSoftwareAuthenticator({ origin });
    const options = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
    expect(options.rp).toEqual({ id: "latch.test", name: "Latch" });
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    const response = authenticator.register(options);
    const { passkey } = await verifyPasskeyRegistration(h.deps, caller, {
      name: "Laptop",
      response,
    });
    expect(passkey).toEqual({
      id: response.id,
      name: "Laptop",
      createdAt: "2026-03-01T12:00:00.000Z",
      lastUsedAt: null,
    });
    expect(await listPasskeys(h.deps, caller)).toEqual({ passkeys: [passkey] });
    expect(await h.emailsTo(caller.email)).toContainEqual(
      expect.objectContaining({
        kind: "second_factor_changed",
        change: { what: "passkey_added", name: "Laptop" },
      }),
    );
  });

  it("refuses a wrong password before issuing any challenge", async () => {
    const h = await createHarness();
    const caller = await signedInUser(h);
    const before = h.keys.calls.set;
    expect(
      await reasonOf(generatePasskeyRegistrationOptions(h.deps, caller, { password: "wrong one" })),
    ).toBe("INVALID_CREDENTIALS");
    expect(h.keys.calls.set).toBe(before);
  });

  it("takes each challenge once", async () => {
    const h = await createHarness();
    const caller = await signedInUser(h);
    const options = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
    const response = createSoftwareAuthenticator({ origin }).register(options);
    await verifyPasskeyRegistration(h.deps, caller, { name: "Laptop", response });
    expect(
      await reasonOf(verifyPasskeyRegistration(h.deps, caller, { name: "Again", response })),
    ).toBe("PASSKEY_CHALLENGE_INVALID");
  });

  it("refuses a challenge older than 5 minutes", async () => {
    const h = await createHarness();
    const caller = await signedInUser(h);
    const options = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
    const response = createSoftwareAuthenticator({ origin }).register(options);
    h.advance(301);
    expect(
      await reasonOf(verifyPasskeyRegistration(h.deps, caller, { name: "Laptop", response })),
    ).toBe("PASSKEY_CHALLENGE_INVALID");
  });

  it("refuses one account's challenge on another account", async () => {
    const h = await createHarness();
    const ann = await signedInUser(h);
    const bob = (await h.signedInTwice("bob@example.com")).first.caller;
    const options = await generatePasskeyRegistrationOptions(h.deps, ann, { password });
    const response = createSoftwareAuthenticator({ origin }).register(options);
    expect(
      await reasonOf(verifyPasskeyRegistration(h.deps, bob, { name: "Laptop", response })),
    ).toBe("PASSKEY_CHALLENGE_INVALID");
  });

  it.each([
    ["another origin", { origin: "https://latch.test.evil.example" }],
    ["another RP ID", { rpId: "evil.example" }],
    ["no user verification", { userVerified: false }],
  ])("refuses a credential made for %s", async (_, overrides) => {
    const h = await createHarness();
    const caller = await signedInUser(h);
    const options = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
    const response = createSoftwareAuthenticator({ origin }).register(options, overrides);
    expect(
      await reasonOf(verifyPasskeyRegistration(h.deps, caller, { name: "Laptop", response })),
    ).toBe("PASSKEY_INVALID");
    expect(await listPasskeys(h.deps, caller)).toEqual({ passkeys: [] });
  });

  it("excludes the account's passkeys from a new registration", async () => {
    const h = await createHarness();
    const caller = await signedInUser(h);
    const first = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
    const response = createSoftwareAuthenticator({ origin }).register(first);
    await verifyPasskeyRegistration(h.deps, caller, { name: "Laptop", response });
    const second = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
    expect(second.excludeCredentials).toEqual([
      { id: response.id, type: "public-key", transports: ["internal"] },
    ]);
  });

  it("a database failure after the challenge was taken gives it back: the same response registers on retry", async () => {
    const h = await createHarness();
    const caller = await signedInUser(h);
    const authenticator = createSoftwareAuthenticator({ origin });
    const options = await generatePasskeyRegistrationOptions(h.deps, caller, { password });
    const response = authenticator.register(options);
    h.failNextCommit();
    expect(
      await reasonOf(verifyPasskeyRegistration(h.deps, caller, { name: "Laptop", response })),
    ).toBe("SERVICE_UNAVAILABLE");
    expect((await listPasskeys(h.deps, caller)).passkeys).toEqual([]);
    await verifyPasskeyRegistration(h.deps, caller, { name: "Laptop", response });
    expect((await listPasskeys(h.deps, caller)).passkeys).toHaveLength(1);
  });
});
