import { describe, expect, it } from "vitest";
import { authenticate } from "../sessions/authenticate";
import { refresh } from "../sessions/refresh";
import { createHarness, reasonOf } from "../test-harness";
import { changePassword } from "./change-password";

const password = "correct horse battery";

describe("changePassword", () => {
  it("keeps this session on new tokens and ends every other one", async () => {
    const h = await createHarness();
    const { first, second } = await h.signedInTwice();
    const { tokens } = await changePassword(h.deps, first.caller, {
      currentPassword: password,
      newPassword: "a brand new password",
    });
    expect((await refresh(h.deps, { refresh: tokens.refresh })).tokens.access).toBeTruthy();
    expect(await reasonOf(refresh(h.deps, { refresh: second.tokens.refresh }))).toBe(
      "SESSION_REVOKED",
    );
    expect(await reasonOf(authenticate(h.deps, second.tokens.access))).toBe("SESSION_REVOKED");
    expect((await h.emailsTo("ann@example.com")).at(-1)?.kind).toBe("password_changed");
  });

  it("asks for the current password", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    expect(
      await reasonOf(
        changePassword(h.deps, first.caller, {
          currentPassword: "wrong!",
          newPassword: "whatever123",
        }),
      ),
    ).toBe("INVALID_CREDENTIALS");
  });
});
