import { describe, expect, it } from "vitest";
import { changePassword } from "../account/change-password";
import { deleteAccount } from "../account/delete-account";
import { requestPasswordReset, resetPassword } from "../account/password-reset";
import { completeLogin } from "../mfa/complete-login";
import { authenticate } from "../sessions/authenticate";
import { login } from "../sessions/login";
import { createHarness, meta, reasonOf } from "../test-harness";

const email = "ann@example.com";
const password = "correct horse battery";

describe("the audit trail keeps no secret", () => {
  it("holds no password, hash, token, key or code after a whole account's life", async () => {
    const h = await createHarness();
    const activated = await h.activeUser(email, password);
    const activationKey = await h.latestActivationKey(email);
    await reasonOf(login(h.deps, { email, password: "a wrong password typed" }, meta));
    await reasonOf(login(h.deps, { email: "my password in the wrong field", password }, meta));

    await requestPasswordReset(h.deps, { email });
    const resetKey = await h.latestKey(email, "reset-password");
    await resetPassword(h.deps, { key: resetKey, password: "the second password" }, meta);
    const again = await login(h.deps, { email, password: "the second password" }, meta);
    if ("status" in again) throw new Error("no second factor yet");
    const caller = await authenticate(h.deps, again.tokens.access);
    const changed = await changePassword(
      h.deps,
      caller,
      { currentPassword: "the second password", newPassword: "the third password" },
      meta,
    );
    const hash = (await h.deps.db.users.findByEmail(email))?.passwordHash ?? "";

    const enrolled = await h.enrolledUser("bo@example.com", password);
    const ticket = await login(h.deps, { email: "bo@example.com", password }, meta);
    if (!("ticket" in ticket)) throw new Error("expected a second step");
    const recoveryCode = enrolled.recoveryCodes[0] ?? "";
    await completeLogin(h.deps, { ticket: ticket.ticket, recoveryCode }, meta);
    const boCaller = await authenticate(h.deps, enrolled.tokens.access);
    await deleteAccount(h.deps, boCaller, { password }, meta);

    const written = JSON.stringify(await h.events());
    const secrets = [
      password,
      "a wrong password typed",
      "my password in the wrong field",
      "the second password",
      "the third password",
      hash,
      activationKey,
      resetKey,
      activated.tokens.access,
      activated.tokens.refresh,
      again.tokens.refresh,
      changed.tokens.refresh,
      ticket.ticket,
      recoveryCode,
      enrolled.secret,
      ...enrolled.recoveryCodes,
    ];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(5);
      expect(written).not.toContain(secret);
    }
    // The trail saw it all: every kind of event above is in it.
    const types = new Set((await h.events()).map((event) => event.type));
    for (const type of [
      "user.signed_up",
      "user.activated",
      "login.succeeded",
      "login.failed",
      "password.reset",
      "password.changed",
      "second_factor.changed",
      "second_step.passed",
      "account.deleted",
    ] as const) {
      expect(types).toContain(type);
    }
  });
});
