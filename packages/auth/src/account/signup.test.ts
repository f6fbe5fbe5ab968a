import { describe, expect, it } from "vitest";
import type { Repositories } from "../ports/database";
import { createHarness, type Harness, meta, reasonOf } from "../test-harness";
import { activate } from "./activate";
import { signup } from "./signup";

const password = "correct horse battery";

describe("signup", () => {
  it("creates an inactive user and mails a 32-character activation link", async () => {
    const h = await createHarness();
    const result = await h.signup({ email: "ann@example.com", password });

    expect(result).toEqual({ status: "activation_required", email: "ann@example.com" });
    const user = await h.deps.db.users.findByEmail("ann@example.com");
    expect(user?.activatedAt).toBeNull();
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const [notice] = await h.emailsTo("ann@example.com");
    expect(notice).toEqual({
      kind: "activation",
      to: "ann@example.com",
      link: `https://latch.test/activate/${await h.latestActivationKey("ann@example.com")}`,
      expiresInMinutes: 15,
      locale: "en",
    });
  });

  it("gives a new account the request's language; a signup again of an inactive one takes the newest, an active one keeps its own", async () => {
    const h = await createHarness();
    await signup(h.deps, { email: "ann@example.com", password }, { ...meta, locale: "de" });
    expect((await h.deps.db.users.findByEmail("ann@example.com"))?.locale).toBe("de");

    // As with the password: the newest signup's activation email is the one that works.
    await signup(h.deps, { email: "ann@example.com", password }, { ...meta, locale: "ja" });
    expect((await h.deps.db.users.findByEmail("ann@example.com"))?.locale).toBe("ja");
    const notices = await h.emailsTo("ann@example.com");
    expect(notices.at(-1)?.locale).toBe("ja");

    await activate(h.deps, { key: await h.latestActivationKey("ann@example.com"), password }, meta);
    await signup(h.deps, { email: "ann@example.com", password }, { ...meta, locale: "fr" });
    expect((await h.deps.db.users.findByEmail("ann@example.com"))?.locale).toBe("ja");
    expect((await h.emailsTo("ann@example.com")).at(-1)).toMatchObject({
      kind: "account_exists",
      locale: "ja",
    });
  });

  it("gives an account signed up without a language English emails", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    expect((await h.deps.db.users.findByEmail("ann@example.com"))?.locale).toBe("en");
  });

  it("keeps only a hash of the key in the key store", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    const key = await h.latestActivationKey("ann@example.com");
    expect(await h.keys.get(`activation:usable:${key}`)).toBeNull();
    expect(await h.keys.get(key)).toBeNull();
  });

  it("answers an existing active address exactly like a new one, and tells its owner by email", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    await activate(h.deps, { key: await h.latestActivationKey("ann@example.com"), password }, meta);

    const again = await h.signup({ email: "ann@example.com", password: "another password" });

    expect(again).toEqual({ status: "activation_required", email: "ann@example.com" });
    expect((await h.emailsTo("ann@example.com")).map((m) => m.kind)).toEqual([
      "activation",
      "account_exists",
    ]);
  });

  it("gives an existing inactive account a fresh link, kills the old one and takes the newest password", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    const oldKey = await h.latestActivationKey("ann@example.com");
    await h.signup({ email: "ann@example.com", password: "the newer password" });
    const newKey = await h.latestActivationKey("ann@example.com");

    expect(newKey).not.toBe(oldKey);
    expect(await reasonOf(activate(h.deps, { key: oldKey, password }, meta))).toBe(
      "ACTIVATION_KEY_INVALID",
    );
    await activate(h.deps, { key: newKey, password: "the newer password" }, meta);
    const user = await h.deps.db.users.findByEmail("ann@example.com");
    expect(await h.deps.passwords.verify(user?.passwordHash ?? "", "the newer password")).toBe(
      true,
    );
  });

  it("stops mailing an address past its hourly quota but still answers the same", async () => {
    const h = await createHarness({ emailsPerAddressPerHour: 2 });
    for (let i = 0; i < 4; i++) {
      expect(await h.signup({ email: "ann@example.com", password })).toEqual({
        status: "activation_required",
        email: "ann@example.com",
      });
    }
    expect(await h.emailsTo("ann@example.com")).toHaveLength(2);
    h.advance(3601);
    await h.signup({ email: "ann@example.com", password });
    expect(await h.emailsTo("ann@example.com")).toHaveLength(3);
  });

  it("settles two simultaneous signups of one address on one account whose newest link works", async () => {
    const h = await createHarness();
    const results = await Promise.all([
      h.signup({ email: "ann@example.com", password }),
      h.signup({ email: "ann@example.com", password }),
    ]);
    expect(results[0]).toEqual(results[1]);
    expect((await h.emailsTo("ann@example.com")).every((m) => m.kind === "activation")).toBe(true);
    const signedIn = await activate(
      h.deps,
      { key: await h.latestActivationKey("ann@example.com"), password },
      meta,
    );
    expect(signedIn.user.email).toBe("ann@example.com");
  });

  it("answers a new address only after one transaction wrote its inactive account and its activation entry", async () => {
    const h = await createHarness();
    const transactions = recordTransactions(h);
    await signup(h.deps, { email: "new@example.com", password });

    expect(transactions).toEqual([["users.signUp", "outbox.enqueue activation"]]);
    // Committed before the answer, not by the outbox worker: nothing has been delivered yet.
    expect(h.sent).toHaveLength(0);
    const user = await h.deps.db.users.findByEmail("new@example.com");
    expect(user?.activatedAt).toBeNull();
    expect(await pendingEntries(h)).toBe(1);
    expect((await h.emailsTo("new@example.com")).map((notice) => notice.kind)).toEqual([
      "activation",
    ]);
  });

  it("gives an inactive account the newest password and a new stamp in the answer's transaction", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    const before = await h.deps.db.users.findByEmail("ann@example.com");
    const transactions = recordTransactions(h);
    await signup(h.deps, { email: "ann@example.com", password: "the newer password" });

    expect(transactions).toEqual([["users.signUp", "outbox.enqueue activation"]]);
    expect(h.sent).toHaveLength(1);
    const after = await h.deps.db.users.findByEmail("ann@example.com");
    expect(after?.keyStamp).not.toBe(before?.keyStamp);
    expect(after?.activatedAt).toBeNull();
    expect(await h.deps.passwords.verify(after?.passwordHash ?? "", "the newer password")).toBe(
      true,
    );
    expect(await pendingEntries(h)).toBe(1);
  });

  it("changes nothing on an active account and queues its owner's notice in the answer's transaction", async () => {
    const h = await createHarness();
    await h.activeUser("ann@example.com", password);
    const before = await h.deps.db.users.findByEmail("ann@example.com");
    const transactions = recordTransactions(h);
    await signup(h.deps, { email: "ann@example.com", password: "another password" });

    expect(transactions).toEqual([["users.signUp", "outbox.enqueue account_exists"]]);
    expect(await h.deps.db.users.findByEmail("ann@example.com")).toEqual(before);
    expect(await pendingEntries(h)).toBe(1);
    expect((await h.emailsTo("ann@example.com")).map((notice) => notice.kind)).toEqual([
      "activation",
      "account_exists",
    ]);
  });

  it("over the address's quota writes its entry already dropped and leaves the inactive account as it was", async () => {
    const h = await createHarness({ emailsPerAddressPerHour: 1 });
    await h.signup({ email: "ann@example.com", password });
    const oldKey = await h.latestActivationKey("ann@example.com");
    const before = await h.deps.db.users.findByEmail("ann@example.com");
    const transactions = recordTransactions(h);
    await signup(h.deps, { email: "ann@example.com", password: "the newer password" });

    expect(transactions).toEqual([["users.signUp", "outbox.enqueue activation (suppressed)"]]);
    expect(await h.deps.db.users.findByEmail("ann@example.com")).toEqual(before);
    expect(await pendingEntries(h)).toBe(0);
    expect(await h.emailsTo("ann@example.com")).toHaveLength(1);
    // The owner's link still works, with the owner's password.
    const signedIn = await activate(h.deps, { key: oldKey, password }, meta);
    expect(signedIn.user.email).toBe("ann@example.com");
  });

  it("a failure inside the transaction leaves neither the account nor its outbox entry", async () => {
    const h = await createHarness();
    const { transaction } = h.deps.db;
    h.deps.db.transaction = (fn) =>
      transaction((tx) =>
        fn({
          ...tx,
          outbox: { enqueue: () => Promise.reject(new Error("connection lost")) },
        }),
      );
    await expect(signup(h.deps, { email: "new@example.com", password })).rejects.toThrow(
      "connection lost",
    );
    h.deps.db.transaction = transaction;

    expect(await h.deps.db.users.findByEmail("new@example.com")).toBeNull();
    expect(await pendingEntries(h)).toBe(0);
    expect(await h.emailsTo("new@example.com")).toEqual([]);
  });

  it("a failure inside the transaction leaves an inactive account's password and stamp as they were", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    const oldKey = await h.latestActivationKey("ann@example.com");
    const before = await h.deps.db.users.findByEmail("ann@example.com");
    const { transaction } = h.deps.db;
    h.deps.db.transaction = (fn) =>
      transaction((tx) =>
        fn({ ...tx, outbox: { enqueue: () => Promise.reject(new Error("connection lost")) } }),
      );
    await expect(
      signup(h.deps, { email: "ann@example.com", password: "the newer password" }),
    ).rejects.toThrow("connection lost");
    h.deps.db.transaction = transaction;

    expect(await h.deps.db.users.findByEmail("ann@example.com")).toEqual(before);
    expect(await pendingEntries(h)).toBe(0);
    const signedIn = await activate(h.deps, { key: oldKey, password }, meta);
    expect(signedIn.user.email).toBe("ann@example.com");
  });

  it("makes the same two calls for a new, an inactive and an active address: the timing tells nothing", async () => {
    const h = await createHarness();
    await h.activeUser("known@example.com", password);
    await h.signup({ email: "waiting@example.com", password });
    const transactions = recordTransactions(h);
    await signup(h.deps, { email: "known@example.com", password });
    await signup(h.deps, { email: "waiting@example.com", password });
    await signup(h.deps, { email: "new@example.com", password });

    expect(transactions.map((calls) => calls.map((call) => call.split(" ")[0]))).toEqual([
      ["users.signUp", "outbox.enqueue"],
      ["users.signUp", "outbox.enqueue"],
      ["users.signUp", "outbox.enqueue"],
    ]);
  });

  it("answers the same while the provider refuses, and the retried notice carries a working link", async () => {
    const h = await createHarness();
    h.sender.fail = new Error("provider down");
    expect(await signup(h.deps, { email: "ann@example.com", password })).toEqual({
      status: "activation_required",
      email: "ann@example.com",
    });
    await h.settle();
    expect(h.sent).toHaveLength(0);
    h.sender.fail = null;
    h.advance(60);
    const signedIn = await activate(
      h.deps,
      { key: await h.latestActivationKey("ann@example.com"), password },
      meta,
    );
    expect(signedIn.user.email).toBe("ann@example.com");
  });
});

/** Entries waiting to be sent: a signup's entry, before any worker ran. */
async function pendingEntries(h: Harness) {
  return (await h.deps.db.outbox.stats(h.deps.clock.now())).pending;
}

/**
 * Records, per transaction, the repository calls made inside it; the outbox
 * entries by kind. Writes outside a transaction would not show up at all, so
 * an expected list also says that nothing else was written.
 */
function recordTransactions(h: Harness): string[][] {
  const transactions: string[][] = [];
  const { transaction } = h.deps.db;
  h.deps.db.transaction = (fn) =>
    transaction((tx) => {
      const calls: string[] = [];
      transactions.push(calls);
      const users = new Proxy(tx.users, {
        get(target, name) {
          const method: unknown = Reflect.get(target, name);
          if (typeof method !== "function") return method;
          return (...args: unknown[]) => {
            calls.push(`users.${String(name)}`);
            return method.apply(target, args);
          };
        },
      });
      const outbox: Repositories["outbox"] = {
        enqueue(request, at, options) {
          calls.push(`outbox.enqueue ${request.kind}${options?.suppressed ? " (suppressed)" : ""}`);
          return tx.outbox.enqueue(request, at, options);
        },
      };
      return fn({ ...tx, users, outbox });
    });
  const outside = h.deps.db.users.signUp;
  h.deps.db.users.signUp = (user, options) => {
    transactions.push(["users.signUp outside a transaction"]);
    return outside(user, options);
  };
  return transactions;
}

describe("signup in the audit trail", () => {
  it("records every signup, announcing user.created only for a new account", async () => {
    const h = await createHarness();
    const webhooks = await h.webhookReceiver();
    await signup(h.deps, { email: "ann@example.com", password }, meta);
    await h.activeUser("bob@example.com");
    await signup(h.deps, { email: "bob@example.com", password: "another password" }, meta);
    const signups = (await h.events()).filter((event) => event.type === "user.signed_up");
    expect(signups.map((event) => event.detail.outcome)).toEqual(["created", "created", "active"]);
    expect(signups[0]).toMatchObject({ ip: "203.0.113.0/24", userAgent: "vitest" });
    expect((await webhooks()).filter((type) => type === "user.created")).toHaveLength(2);
  });

  it("leaves no event when the signup's transaction fails", async () => {
    const h = await createHarness();
    await h.webhookReceiver();
    h.failNextCommit();
    expect(await reasonOf(signup(h.deps, { email: "ann@example.com", password }, meta))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect(await h.events()).toEqual([]);
  });

  it("records an activation with its login, announcing both", async () => {
    const h = await createHarness();
    const webhooks = await h.webhookReceiver();
    const { user } = await h.activeUser();
    expect((await h.events(user.id)).map((event) => event.type)).toEqual([
      "user.signed_up",
      "user.activated",
      "login.succeeded",
    ]);
    expect((await h.events(user.id))[2]?.detail.method).toBe("activation");
    expect(await webhooks()).toEqual(["user.created", "user.activated", "session.created"]);
  });
});
