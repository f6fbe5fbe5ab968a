import { describe, expect, it } from "vitest";
import { authenticate } from "../sessions/authenticate";
import { createHarness, meta, reasonOf } from "../test-harness";
import { changePassword } from "./change-password";
import { deleteAccount } from "./delete-account";
import { setLocale } from "./set-locale";

const password = "correct horse battery";

describe("setLocale", () => {
  it("changes the language of the account's emails from the next one on", async () => {
    const h = await createHarness();
    const activated = await h.activeUser("ann@example.com", password);
    const caller = await authenticate(h.deps, activated.tokens.access);

    expect(await setLocale(h.deps, caller, { locale: "fr" })).toEqual({ locale: "fr" });
    expect((await h.deps.db.users.findById(caller.userId))?.locale).toBe("fr");

    await changePassword(
      h.deps,
      caller,
      { currentPassword: password, newPassword: "a brand new passphrase" },
      meta,
    );
    const changed = (await h.emailsTo("ann@example.com")).at(-1);
    expect(changed).toMatchObject({ kind: "password_changed", locale: "fr" });
  });

  it("refuses a caller whose account is gone", async () => {
    const h = await createHarness();
    const activated = await h.activeUser("ann@example.com", password);
    const caller = await authenticate(h.deps, activated.tokens.access);
    await deleteAccount(h.deps, caller, { password }, meta);
    expect(await reasonOf(setLocale(h.deps, caller, { locale: "de" }))).toBe("SESSION_REVOKED");
  });
});
