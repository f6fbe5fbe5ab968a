import { describe, expect, it } from "vitest";
import { activate } from "./activate";
import { authenticate } from "./authenticate";
import { changePassword } from "./change-password";
import { login } from "./login";
import { refresh } from "./refresh";
import { createHarness, type Harness, meta, reasonOf } from "./test-harness";

const password = "correct horse battery";

async function signedIn(h: Harness, email = "ann@example.com") {
  await h.signup({ email, password });
  const first = await activate(h.deps, { key: await h.latestActivationKey(email), password }, meta);
  const second = await login(
    h.deps,
    { email, password },
    { userAgent: "phone", ip: "198.51.100.23" },
  );
  return {
    first: { ...first, caller: await authenticate(h.deps, first.tokens.access) },
    second: { ...second, caller: await authenticate(h.deps, second.tokens.access) },
  };
}

describe("changePassword", () => {
  it("keeps this session on new tokens and ends every other one", async () => {
    const h = await createHarness();
    const { first, second } = await signedIn(h);
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
    const { first } = await signedIn(h);
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
