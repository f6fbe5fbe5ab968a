import { describe, expect, it } from "vitest";
import { activate } from "./activate";
import { signup } from "./signup";
import { createHarness, meta, reasonOf } from "./test-harness";

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
    });
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

  it("only queues the signup: one write for every address, the account made when it is delivered", async () => {
    const h = await createHarness();
    await h.signup({ email: "known@example.com", password });
    const writes: string[] = [];
    const { enqueue } = h.deps.db.outbox;
    h.deps.db.outbox.enqueue = (request, at, options) => {
      writes.push(request.kind);
      return enqueue(request, at, options);
    };
    const { create, findByEmail } = h.deps.db.users;
    h.deps.db.users.create = (user) => {
      writes.push("create");
      return create(user);
    };
    h.deps.db.users.findByEmail = (address) => {
      writes.push("findByEmail");
      return findByEmail(address);
    };
    await signup(h.deps, { email: "known@example.com", password });
    await signup(h.deps, { email: "new@example.com", password });
    expect(writes).toEqual(["signup", "signup"]);
    Object.assign(h.deps.db.users, { create, findByEmail });
    expect(await h.deps.db.users.findByEmail("new@example.com")).toBeNull();
    await h.settle();
    expect((await h.emailsTo("new@example.com")).map((notice) => notice.kind)).toEqual([
      "activation",
    ]);
    expect((await h.deps.db.users.findByEmail("new@example.com"))?.activatedAt).toBeNull();
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
