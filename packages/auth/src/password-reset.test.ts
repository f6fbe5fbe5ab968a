import { describe, expect, it } from "vitest";
import { activate } from "./activate";
import { authenticate } from "./authenticate";
import { login } from "./login";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { refresh } from "./refresh";
import { createHarness, type Harness, meta, reasonOf } from "./test-harness";

const email = "ann@example.com";
const password = "correct horse battery";

async function activeUser(h: Harness) {
  await h.signup({ email, password });
  return activate(h.deps, { key: h.latestActivationKey(email), password }, meta);
}

describe("password reset", () => {
  it("mails a reset link and answers the same for unknown addresses", async () => {
    const h = await createHarness();
    await activeUser(h);
    expect(await requestPasswordReset(h.deps, { email })).toEqual({ status: "sent" });
    await h.settle();
    expect(await requestPasswordReset(h.deps, { email: "nobody@example.com" })).toEqual({
      status: "sent",
    });
    await h.settle();
    expect(h.latestKey(email, "reset-password")).toHaveLength(32);
    expect(h.emailsTo("nobody@example.com")).toHaveLength(0);
  });

  it("sends an inactive account its activation email instead", async () => {
    const h = await createHarness();
    await h.signup({ email, password });
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    expect(h.emailsTo(email).map((m) => m.kind)).toEqual(["activation", "activation"]);
  });

  it("sets the new password, ends every session, and sends a notice", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = h.latestKey(email, "reset-password");

    expect(await resetPassword(h.deps, { key, password: "a brand new password" })).toEqual({
      status: "password_reset",
    });

    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe("SESSION_REVOKED");
    expect(await reasonOf(authenticate(h.deps, tokens.access))).toBe("SESSION_REVOKED");
    expect(await reasonOf(login(h.deps, { email, password }, meta))).toBe("INVALID_CREDENTIALS");
    expect(
      (await login(h.deps, { email, password: "a brand new password" }, meta)).user.email,
    ).toBe(email);
    expect(h.emailsTo(email)[0]?.kind).toBe("password-changed");
  });

  it("still resets when the notice cannot be sent, and says so in the log", async () => {
    const h = await createHarness();
    await activeUser(h);
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = h.latestKey(email, "reset-password");
    const logged: string[] = [];
    h.deps.log = (event, detail) => logged.push(`${event}:${detail.kind}`);
    h.deps.mailer.send = () => Promise.reject(new Error("provider down"));
    expect(await resetPassword(h.deps, { key, password: "a brand new password" })).toEqual({
      status: "password_reset",
    });
    expect(logged).toEqual(["notice_not_sent:password-changed"]);
  });

  it("works once: of two resets with one key, exactly one wins", async () => {
    const h = await createHarness();
    await activeUser(h);
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = h.latestKey(email, "reset-password");
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
    await activeUser(h);
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const key = h.latestKey(email, "reset-password");
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
    await activeUser(h);
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    const first = h.latestKey(email, "reset-password");
    await requestPasswordReset(h.deps, { email });
    await h.settle();
    expect(
      await reasonOf(resetPassword(h.deps, { key: first, password: "a brand new password" })),
    ).toBe("RESET_KEY_INVALID");
  });

  it("never lets an activation key reset a password", async () => {
    const h = await createHarness();
    await h.signup({ email, password });
    const activationKey = h.latestActivationKey(email);
    expect(
      await reasonOf(
        resetPassword(h.deps, { key: activationKey, password: "a brand new password" }),
      ),
    ).toBe("RESET_KEY_INVALID");
  });
});
