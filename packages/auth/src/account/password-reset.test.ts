import { describe, expect, it } from "vitest";
import { authenticate } from "../sessions/authenticate";
import { login } from "../sessions/login";
import { refresh } from "../sessions/refresh";
import { createHarness, meta, reasonOf, signedIn } from "../test-harness";
import { inspectResetKey, requestPasswordReset, resetPassword } from "./password-reset";

const email = "ann@example.com";
const password = "correct horse battery";

describe("password reset", () => {
  it("mails a reset link and answers the same for unknown addresses", async () => {
    const h = await createHarness();
    await h.activeUser();
    expect(await requestPasswordReset(h.deps, { email })).toEqual({ status: "sent" });
    await h.settle();
    expect(await requestPasswordReset(h.deps, { email: "nobody@example.com" })).toEqual({
      status: "sent",
    });
    await h.settle();
    expect(await h.latestKey(email, "reset-password")).toHaveLength(32);
    expect(await h.emailsTo("nobody@example.com")).toHaveLength(0);
  });

  it("sends an inactive account its activation email instead", async () => {
    const h = await createHarness();
    await h.signup({ email, password });
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    expect((await h.emailsTo(email)).map((m) => m.kind)).toEqual(["activation", "activation"]);
  });

  it("sets the new password, ends every session, and sends a notice", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = await h.latestKey(email, "reset-password");

    expect(await resetPassword(h.deps, { key, password: "a brand new password" })).toEqual({
      status: "password_reset",
    });

    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe("SESSION_REVOKED");
    expect(await reasonOf(authenticate(h.deps, tokens.access))).toBe("SESSION_REVOKED");
    expect(await reasonOf(login(h.deps, { email, password }, meta))).toBe("INVALID_CREDENTIALS");
    expect(
      signedIn(await login(h.deps, { email, password: "a brand new password" }, meta)).user.email,
    ).toBe(email);
    expect((await h.emailsTo(email)).at(-1)?.kind).toBe("password_changed");
  });

  it("resets while the provider is down; the notice waits in the outbox and leaves once it is back", async () => {
    const h = await createHarness();
    await h.activeUser();
    await requestPasswordReset(h.deps, { email });
    const key = await h.latestKey(email, "reset-password");
    const logged: string[] = [];
    h.deps.log = (event, detail) => logged.push(`${event}:${detail.kind}`);
    h.sender.fail = new Error("provider down");
    expect(await resetPassword(h.deps, { key, password: "a brand new password" })).toEqual({
      status: "password_reset",
    });
    await h.settle();
    expect(logged).toEqual(["notice_retrying:password_changed"]);
    h.sender.fail = null;
    h.advance(60);
    expect((await h.emailsTo(email)).at(-1)?.kind).toBe("password_changed");
  });

  it("works once: of two resets with one key, exactly one wins", async () => {
    const h = await createHarness();
    await h.activeUser();
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = await h.latestKey(email, "reset-password");
    const results = await Promise.allSettled([
      resetPassword(h.deps, { key, password: "first new password" }),
      resetPassword(h.deps, { key, password: "second new password" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await reasonOf(resetPassword(h.deps, { key, password: "third new password" }))).toBe(
      "RESET_KEY_INVALID",
    );
  });

  it("tells an expired link from an invalid one", async () => {
    const h = await createHarness();
    await h.activeUser();
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = await h.latestKey(email, "reset-password");
    h.advance(901);
    expect(await reasonOf(resetPassword(h.deps, { key, password: "a brand new password" }))).toBe(
      "RESET_KEY_EXPIRED",
    );
    expect(
      await reasonOf(
        resetPassword(h.deps, { key: "B".repeat(32), password: "a brand new password" }),
      ),
    ).toBe("RESET_KEY_INVALID");
  });

  it("accepts only the newest reset link", async () => {
    const h = await createHarness();
    await h.activeUser();
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const first = await h.latestKey(email, "reset-password");
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    expect(
      await reasonOf(resetPassword(h.deps, { key: first, password: "a brand new password" })),
    ).toBe("RESET_KEY_INVALID");
  });

  it("never lets an activation key reset a password", async () => {
    const h = await createHarness();
    await h.signup({ email, password });
    const activationKey = await h.latestActivationKey(email);
    expect(
      await reasonOf(
        resetPassword(h.deps, { key: activationKey, password: "a brand new password" }),
      ),
    ).toBe("RESET_KEY_INVALID");
  });
});

describe("inspecting a reset key for its landing page", () => {
  it("names the account of a usable key, and says why a used, expired or unknown one would fail", async () => {
    const h = await createHarness();
    await h.activeUser();
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = await h.latestKey(email, "reset-password");
    expect(await inspectResetKey(h.deps, key)).toEqual({ status: "usable", email });
    expect(await inspectResetKey(h.deps, "B".repeat(32))).toEqual({
      status: "unusable",
      reason: "RESET_KEY_INVALID",
    });
    h.advance(901);
    expect(await inspectResetKey(h.deps, key)).toEqual({
      status: "unusable",
      reason: "RESET_KEY_EXPIRED",
    });
  });

  it("spends nothing: the key still resets afterwards, and is then used up", async () => {
    const h = await createHarness();
    await h.activeUser();
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = await h.latestKey(email, "reset-password");
    await inspectResetKey(h.deps, key);
    await inspectResetKey(h.deps, key);
    await resetPassword(h.deps, { key, password: "a brand new password" });
    expect(await inspectResetKey(h.deps, key)).toEqual({
      status: "unusable",
      reason: "RESET_KEY_INVALID",
    });
  });
});
