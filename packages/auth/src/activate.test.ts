import { describe, expect, it } from "vitest";
import { activate } from "./activate";
import { resendActivation } from "./activation-refresh";
import { signup } from "./signup";
import { createHarness, type Harness, meta, reasonOf } from "./test-harness";

async function signedUp(h: Harness, email = "ann@example.com") {
  await signup(h.deps, { email, password: "correct horse battery" });
  return h.latestActivationKey(email);
}

describe("activate", () => {
  it("activates the user and signs them in with a token pair", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    const { user, tokens } = await activate(h.deps, { key }, meta);

    expect(user.email).toBe("ann@example.com");
    expect((await h.deps.db.users.findByEmail("ann@example.com"))?.activatedAt).toBeInstanceOf(
      Date,
    );
    const claims = await h.deps.tokens.verifyAccess(tokens.access, h.deps.clock.now());
    expect(claims.userId).toBe(user.id);
  });

  it("uses one key-store call and one transaction on success", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    h.keys.reset();
    let transactions = 0;
    const transaction = h.deps.db.transaction.bind(h.deps.db);
    h.deps.db.transaction = (fn) => {
      transactions++;
      return transaction(fn);
    };
    await activate(h.deps, { key }, meta);
    expect(h.keys.calls.total).toBeLessThanOrEqual(2);
    expect(transactions).toBe(1);
  });

  it("works once: the same link again says the account is already active", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    await activate(h.deps, { key }, meta);
    expect(await reasonOf(activate(h.deps, { key }, meta))).toBe("ALREADY_ACTIVE");
  });

  it("lets exactly one of two simultaneous activations succeed", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    const results = await Promise.allSettled([
      activate(h.deps, { key }, meta),
      activate(h.deps, { key }, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses an expired key as expired while it is still refreshable", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    h.advance(901);
    expect(await reasonOf(activate(h.deps, { key }, meta))).toBe("ACTIVATION_KEY_EXPIRED");
  });

  it("forgets an expired key once the refresh window has passed too", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    h.advance(900 + 7 * 24 * 3600 + 1);
    expect(await reasonOf(activate(h.deps, { key }, meta))).toBe("ACTIVATION_KEY_INVALID");
  });

  it("refuses a key that was never issued", async () => {
    const h = await createHarness();
    await signedUp(h);
    expect(await reasonOf(activate(h.deps, { key: "A".repeat(32) }, meta))).toBe(
      "ACTIVATION_KEY_INVALID",
    );
  });

  it("accepts only the newest key of a user", async () => {
    const h = await createHarness();
    const first = await signedUp(h);
    await resendActivation(h.deps, { email: "ann@example.com" });
    await h.settle();
    const second = h.latestActivationKey("ann@example.com");
    expect(await reasonOf(activate(h.deps, { key: first }, meta))).toBe("ACTIVATION_KEY_INVALID");
    expect((await activate(h.deps, { key: second }, meta)).user.email).toBe("ann@example.com");
  });

  it("keeps the link working when the database fails mid-activation", async () => {
    const h = await createHarness();
    const key = await signedUp(h);
    const transaction = h.deps.db.transaction.bind(h.deps.db);
    h.deps.db.transaction = async () => {
      throw new Error("connection reset");
    };
    await expect(activate(h.deps, { key }, meta)).rejects.toThrow("connection reset");
    h.deps.db.transaction = transaction;
    expect((await activate(h.deps, { key }, meta)).user.email).toBe("ann@example.com");
  });
});
