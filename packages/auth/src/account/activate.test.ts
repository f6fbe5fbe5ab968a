import { describe, expect, it } from "vitest";
import { login } from "../sessions/login";
import { createHarness, type Harness, meta, reasonOf, signedIn } from "../test-harness";
import { activate, inspectActivationKey } from "./activate";
import { resendActivation } from "./activation-refresh";
import { requestPasswordReset } from "./password-reset";

const password = "correct horse battery";

async function signedUp(h: Harness, email = "ann@example.com") {
  await h.signup({ email, password });
  return await h.latestActivationKey(email);
}

describe("activate", () => {
  it("activates the user and signs them in with a token pair", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    const { user, tokens } = await activate(h.deps, { key, password }, meta);

    expect(user.email).toBe("ann@example.com");
    expect((await h.deps.db.users.findByEmail("ann@example.com"))?.activatedAt).toBeInstanceOf(
      Date,
    );
    const claims = await h.deps.tokens.verifyAccess(tokens.access, h.deps.clock.now());
    expect(claims.userId).toBe(user.id);
  });

  it("uses at most two key-store calls and one transaction on success", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    h.keys.reset();
    const transactions = h.countTransactions();
    await activate(h.deps, { key, password }, meta);
    expect(h.keys.calls.total).toBeLessThanOrEqual(2);
    expect(transactions()).toBe(1);
  });

  it("works once: the same link again says the account is already active", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    await activate(h.deps, { key, password }, meta);
    expect(await reasonOf(activate(h.deps, { key, password }, meta))).toBe("ALREADY_ACTIVE");
  });

  it("lets exactly one of two simultaneous activations succeed", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    const results = await Promise.allSettled([
      activate(h.deps, { key, password }, meta),
      activate(h.deps, { key, password }, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses an expired key as expired while it is still refreshable", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    h.advance(901);
    expect(await reasonOf(activate(h.deps, { key, password }, meta))).toBe(
      "ACTIVATION_KEY_EXPIRED",
    );
  });

  it("forgets an expired key once the refresh window has passed too", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    h.advance(900 + 7 * 24 * 3600 + 1);
    expect(await reasonOf(activate(h.deps, { key, password }, meta))).toBe(
      "ACTIVATION_KEY_INVALID",
    );
  });

  it("refuses a key that was never issued", async () => {
    const h = await createHarness();
    await signedUp(h);
    expect(await reasonOf(activate(h.deps, { key: "A".repeat(32), password }, meta))).toBe(
      "ACTIVATION_KEY_INVALID",
    );
  });

  it("accepts only the newest key of a user", async () => {
    const h = await createHarness();
    const first = await signedUp(h);
    await resendActivation(h.deps, { email: "ann@example.com" });
    await h.settle();
    const second = await h.latestActivationKey("ann@example.com");
    expect(await reasonOf(activate(h.deps, { key: first, password }, meta))).toBe(
      "ACTIVATION_KEY_INVALID",
    );
    expect((await activate(h.deps, { key: second, password }, meta)).user.email).toBe(
      "ann@example.com",
    );
  });

  it("keeps the link working when the database fails mid-activation", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    const transaction = h.deps.db.transaction.bind(h.deps.db);
    h.deps.db.transaction = async () => {
      throw new Error("connection reset");
    };
    await expect(activate(h.deps, { key, password }, meta)).rejects.toThrow("connection reset");
    h.deps.db.transaction = transaction;
    expect((await activate(h.deps, { key, password }, meta)).user.email).toBe("ann@example.com");
  });
});

describe("activation after someone else signed up the address (pre-account takeover)", () => {
  const victim = "victim@example.com";
  const victimPassword = "the victim's own passphrase";
  const attackerPassword = "the attacker's passphrase";

  async function expectOnlyPassword(h: Harness, works: string, dead: string) {
    expect(signedIn(await login(h.deps, { email: victim, password: works }, meta)).user.email).toBe(
      victim,
    );
    expect(await reasonOf(login(h.deps, { email: victim, password: dead }, meta))).toBe(
      "INVALID_CREDENTIALS",
    );
  }

  it("a later signup by an attacker: the owner's password does not fit the newest link, a new one does", async () => {
    const h = await createHarness();
    await h.signup({ email: victim, password: victimPassword });
    const first = await h.latestActivationKey(victim);
    await h.signup({ email: victim, password: attackerPassword });
    const newest = await h.latestActivationKey(victim);

    expect(await reasonOf(activate(h.deps, { key: first, password: victimPassword }, meta))).toBe(
      "ACTIVATION_KEY_INVALID",
    );
    expect(await reasonOf(activate(h.deps, { key: newest, password: victimPassword }, meta))).toBe(
      "ACTIVATION_PASSWORD_MISMATCH",
    );
    const chosen = "chosen at the activation link";
    const { user } = await activate(h.deps, { key: newest, newPassword: chosen }, meta);
    expect(user.email).toBe(victim);
    await expectOnlyPassword(h, chosen, attackerPassword);
  });

  it("an attacker who signed up first: the owner's reset leads to activation, and the attacker's password dies", async () => {
    const h = await createHarness();
    await h.signup({ email: victim, password: attackerPassword });
    await requestPasswordReset(h.deps, { email: victim });
    await h.settle();
    const key = await h.latestActivationKey(victim);
    expect(await reasonOf(activate(h.deps, { key, password: victimPassword }, meta))).toBe(
      "ACTIVATION_PASSWORD_MISMATCH",
    );
    await activate(h.deps, { key, newPassword: victimPassword }, meta);
    await expectOnlyPassword(h, victimPassword, attackerPassword);
  });

  it("keeps the link after a wrong password, so the right one still works", async () => {
    const h = await createHarness();
    const key = await signedUp(h, victim);
    await reasonOf(activate(h.deps, { key, password: "not what I typed" }, meta));
    expect((await activate(h.deps, { key, password }, meta)).user.email).toBe(victim);
  });

  it("limits password tries per link, while choosing a new password stays possible", async () => {
    const h = await createHarness();
    const key = await signedUp(h, victim);
    const tries = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        reasonOf(activate(h.deps, { key, password: `guess ${i}` }, meta)),
      ),
    );
    expect(tries.filter((reason) => reason === "ACTIVATION_PASSWORD_MISMATCH")).toHaveLength(5);
    expect(tries.filter((reason) => reason === "RATE_LIMITED")).toHaveLength(3);
    expect(await reasonOf(activate(h.deps, { key, password }, meta))).toBe("RATE_LIMITED");
    expect((await activate(h.deps, { key, newPassword: "a fresh choice" }, meta)).user.email).toBe(
      victim,
    );
  });

  it("screens a new password chosen at activation like any other, and keeps the link", async () => {
    const h = await createHarness();
    const key = await signedUp(h, victim);
    const refused = await activate(h.deps, { key, newPassword: "password1" }, meta).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ reason: "PASSWORD_TOO_COMMON", field: "newPassword" });
    expect((await activate(h.deps, { key, password }, meta)).user.email).toBe(victim);
  });

  it("a new password chosen at activation kills every other pending link", async () => {
    const h = await createHarness();
    await signedUp(h, victim);
    await resendActivation(h.deps, { email: victim });
    await h.settle();
    const newest = await h.latestActivationKey(victim);
    await activate(h.deps, { key: newest, newPassword: "a fresh choice" }, meta);
    expect(
      await reasonOf(activate(h.deps, { key: newest, password: "a fresh choice" }, meta)),
    ).toBe("ALREADY_ACTIVE");
  });

  it("loses to a signup that renews the stamp between the password check and the activation", async () => {
    const h = await createHarness();
    const key = await signedUp(h, victim);
    const verify = h.deps.passwords.verify;
    h.deps.passwords.verify = async (hash, value) => {
      const result = await verify(hash, value);
      // The attacker's signup lands right after the owner's password was confirmed.
      await h.signup({ email: victim, password: attackerPassword });
      return result;
    };
    expect(await reasonOf(activate(h.deps, { key, password }, meta))).toBe(
      "ACTIVATION_KEY_INVALID",
    );
    h.deps.passwords.verify = verify;
    expect(await reasonOf(login(h.deps, { email: victim, password: attackerPassword }, meta))).toBe(
      "ACCOUNT_NOT_ACTIVATED",
    );
  });
});

describe("inspecting an activation key for its landing page", () => {
  it("names the account of a usable key, and says why any other would fail", async () => {
    const h = await createHarness();
    const first = await signedUp(h);
    expect(await inspectActivationKey(h.deps, first)).toEqual({
      status: "usable",
      email: "ann@example.com",
    });
    await resendActivation(h.deps, { email: "ann@example.com" });
    await h.settle();
    const second = await h.latestActivationKey("ann@example.com");
    expect(await inspectActivationKey(h.deps, first)).toEqual({
      status: "unusable",
      reason: "ACTIVATION_KEY_INVALID",
    });
    h.advance(901);
    expect(await inspectActivationKey(h.deps, second)).toEqual({
      status: "unusable",
      reason: "ACTIVATION_KEY_EXPIRED",
    });
    expect(await inspectActivationKey(h.deps, "A".repeat(32))).toMatchObject({
      status: "unusable",
    });
  });

  it("spends nothing: the key still activates afterwards", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    await inspectActivationKey(h.deps, key);
    await activate(h.deps, { key, password }, meta);
    expect(await inspectActivationKey(h.deps, key)).toEqual({
      status: "unusable",
      reason: "ALREADY_ACTIVE",
    });
  });
});
