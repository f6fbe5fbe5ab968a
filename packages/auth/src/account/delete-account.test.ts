import { describe, expect, it } from "vitest";
import { authenticate } from "../sessions/authenticate";
import { login } from "../sessions/login";
import { createHarness, meta, reasonOf } from "../test-harness";
import { deleteAccount } from "./delete-account";
import { purgeUnactivatedAccounts } from "./purge";

const password = "correct horse battery";

describe("deleteAccount and purge", () => {
  it("deletes the user, ends its sessions at once and frees the address", async () => {
    const h = await createHarness();
    const { first, second } = await h.signedInTwice();
    expect(await deleteAccount(h.deps, first.caller, { password })).toEqual({ status: "deleted" });
    expect(await reasonOf(authenticate(h.deps, second.tokens.access))).toBe("SESSION_REVOKED");
    expect(await reasonOf(login(h.deps, { email: "ann@example.com", password }, meta))).toBe(
      "INVALID_CREDENTIALS",
    );
    expect((await h.emailsTo("ann@example.com")).at(-1)?.kind).toBe("account_deleted");
  });

  it("purges only unactivated accounts older than the limit", async () => {
    const h = await createHarness({ unactivatedAccountTtlDays: 30 });
    await h.signup({ email: "old@example.com", password });
    await h.signedInTwice("active@example.com");
    h.advance(31 * 24 * 3600);
    await h.signup({ email: "fresh@example.com", password });
    expect((await purgeUnactivatedAccounts(h.deps)).purged).toBe(1);
    expect(await h.deps.db.users.findByEmail("old@example.com")).toBeNull();
    expect(await h.deps.db.users.findByEmail("fresh@example.com")).not.toBeNull();
    expect(await h.deps.db.users.findByEmail("active@example.com")).not.toBeNull();
  });
});

describe("deletion in the audit trail", () => {
  it("records the deletion, kept after the account, and announces user.deleted", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    const webhooks = await h.webhookReceiver();
    await deleteAccount(h.deps, first.caller, { password }, meta);
    const [event] = (await h.events(first.caller.userId)).slice(-1);
    expect(event).toMatchObject({ type: "account.deleted", detail: { sessionsEnded: "2" } });
    expect(await webhooks()).toEqual(["user.deleted"]);
  });

  it("records nothing when the deletion fails to commit", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    const before = await h.events(first.caller.userId);
    h.failNextCommit();
    await reasonOf(deleteAccount(h.deps, first.caller, { password }, meta));
    expect(await h.events(first.caller.userId)).toEqual(before);
  });
});
