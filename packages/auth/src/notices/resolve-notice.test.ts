import { describe, expect, it } from "vitest";
import { deleteAccount } from "../account/delete-account";
import { requestPasswordReset } from "../account/password-reset";
import { signup } from "../account/signup";
import { authenticate } from "../sessions/authenticate";
import { createHarness, meta } from "../test-harness";

const password = "correct horse battery";

describe("the language of a notice", () => {
  it("is the account's, whatever language the request that asked for it was in", async () => {
    const h = await createHarness();
    await signup(h.deps, { email: "ann@example.com", password }, { ...meta, locale: "ja" });
    const [activation] = await h.emailsTo("ann@example.com");
    expect(activation?.locale).toBe("ja");

    // A reset asked for in German (an entry that carries the request's language) still goes out in Japanese.
    await h.deps.db.outbox.enqueue(
      { kind: "password_reset", email: "ann@example.com", locale: "de" },
      h.deps.clock.now(),
    );
    await requestPasswordReset(h.deps, { email: "ann@example.com" });
    const notices = await h.emailsTo("ann@example.com");
    expect(notices.map((notice) => notice.locale)).toEqual(["ja", "ja", "ja"]);
  });

  it("is the one queued with it for an address whose account is gone: the account's, captured then", async () => {
    const h = await createHarness();
    await signup(h.deps, { email: "ann@example.com", password }, { ...meta, locale: "fr" });
    await h.settle();
    const activated = await h.activeUser("bob@example.com");
    await h.deps.db.users.setLocale(activated.user.id, "ar");
    const caller = await authenticate(h.deps, activated.tokens.access);
    await deleteAccount(h.deps, caller, { password }, meta);

    const deleted = (await h.emailsTo("bob@example.com")).at(-1);
    expect(deleted).toMatchObject({ kind: "account_deleted", locale: "ar" });
  });

  it("is the request's for an address with no account", async () => {
    const h = await createHarness();
    await h.deps.db.outbox.enqueue(
      { kind: "account_deleted", to: "nobody@example.com", locale: "es" },
      h.deps.clock.now(),
    );
    expect(await h.emailsTo("nobody@example.com")).toEqual([
      expect.objectContaining({ kind: "account_deleted", locale: "es" }),
    ]);
  });

  it("is English for an entry queued before notices had a language, or the account's when it has one", async () => {
    const h = await createHarness();
    await signup(h.deps, { email: "ann@example.com", password }, { ...meta, locale: "de" });
    await h.deps.db.outbox.enqueue(
      { kind: "password_changed", to: "carl@example.com" },
      h.deps.clock.now(),
    );
    expect(await h.emailsTo("carl@example.com")).toEqual([
      expect.objectContaining({ kind: "password_changed", locale: "en" }),
    ]);
    const user = await h.deps.db.users.findByEmail("ann@example.com");
    await h.deps.db.outbox.enqueue(
      { kind: "activation", userId: user?.id ?? "" },
      h.deps.clock.now(),
    );
    const notices = await h.emailsTo("ann@example.com");
    expect(notices.map((notice) => [notice.kind, notice.locale])).toEqual([
      ["activation", "de"],
      ["activation", "de"],
    ]);
  });

  it("is the asking request's, else English, for an account older than languages (which chose none)", async () => {
    const h = await createHarness();
    const { user } = await h.activeUser("old@example.com");
    // As the migration leaves an account that existed before languages.
    await h.deps.db.users.setLocale(user.id, null as unknown as string);
    await h.deps.db.outbox.enqueue(
      { kind: "password_reset", email: "old@example.com", locale: "es" },
      h.deps.clock.now(),
    );
    await requestPasswordReset(h.deps, { email: "old@example.com" });
    const resets = (await h.emailsTo("old@example.com")).filter(
      (notice) => notice.kind === "password_reset",
    );
    expect(resets.map((notice) => notice.locale).sort()).toEqual(["en", "es"]);
  });
});
