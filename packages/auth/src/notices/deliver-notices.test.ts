import { describe, expect, it } from "vitest";
import { activate } from "../account/activate";
import { resendActivation } from "../account/activation-refresh";
import { requestPasswordReset, resetPassword } from "../account/password-reset";
import { signup } from "../account/signup";
import { NoticeRejected } from "../ports/notices";
import { createHarness, type Harness, meta, reasonOf } from "../test-harness";
import { deliverDueNotices, retryDelaySeconds } from "./deliver-notices";

const password = "correct horse battery staple";
const email = "ann@example.com";

async function queuedSignup() {
  const h = await createHarness();
  await signup(h.deps, { email, password });
  return h;
}

/** One worker pass whose sends the provider accepts, by a worker that dies before it records any. */
async function deliverThenDie(h: Harness) {
  const { outbox } = h.deps.db;
  const { markSent, retryLater } = outbox;
  outbox.markSent = () => Promise.reject(new Error("worker killed"));
  outbox.retryLater = () => Promise.reject(new Error("worker killed"));
  await deliverDueNotices(h.deps);
  Object.assign(outbox, { markSent, retryLater });
}

/** Activates `email` with the newest link it was sent under `path`. */
async function activateByLink(h: Harness, to: string, path: string) {
  const links = h.sent.flatMap(({ notice }) =>
    notice.to === to && "link" in notice ? [notice.link] : [],
  );
  const key = links.at(-1)?.split(`${path}/`)[1] ?? "";
  await activate(h.deps, { key, password }, meta);
}

describe("the outbox worker", () => {
  it("sends each notice once, with the outbox entry's id as its idempotency key", async () => {
    const h = await queuedSignup();
    const report = await deliverDueNotices(h.deps);
    expect(report).toEqual({ claimed: 1, sent: 1, dropped: 0, retrying: 0, dead: 0 });
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect((await deliverDueNotices(h.deps)).claimed).toBe(0);
    expect(await h.deps.db.outbox.stats(h.deps.clock.now())).toEqual({
      pending: 0,
      oldestSeconds: 0,
      dead: 0,
    });
  });

  it("links to the pages where the app placed them", async () => {
    const pages = {
      activate: "/welcome/activate",
      resetPassword: "/welcome/reset",
      confirmEmail: "/welcome/confirm",
      loginByEmail: "/welcome/email",
      login: "/welcome/in",
      forgotPassword: "/welcome/forgot",
      signup: "/welcome/join",
      account: "/welcome/me",
    };
    const h = await createHarness({ pages });
    await signup(h.deps, { email, password });
    await signup(h.deps, { email: "bo@example.com", password });
    await deliverDueNotices(h.deps);
    expect(h.sent.map(({ notice }) => ("link" in notice ? notice.link : null))).toEqual([
      expect.stringMatching(/^https:\/\/latch\.test\/welcome\/activate\/[A-Za-z0-9_-]{32}$/),
      expect.stringMatching(/^https:\/\/latch\.test\/welcome\/activate\/[A-Za-z0-9_-]{32}$/),
    ]);
    await activateByLink(h, email, pages.activate);
    await requestPasswordReset(h.deps, { email });
    await deliverDueNotices(h.deps);
    const reset = h.sent.at(-1)?.notice;
    expect(reset?.kind === "password_reset" && reset.link).toMatch(
      /^https:\/\/latch\.test\/welcome\/reset\//,
    );
  });

  it("mints the link when it sends, so a notice delayed past the key's lifetime still works", async () => {
    const h = await queuedSignup();
    h.advance(2 * 3600); // far beyond the 15-minute activation lifetime
    const key = await h.latestActivationKey(email);
    expect((await activate(h.deps, { key, password }, meta)).user.email).toBe(email);
  });

  it("retries a failed send with growing, jittered delays, then gives up and keeps it as dead", async () => {
    const h = await queuedSignup();
    const logged: string[] = [];
    h.deps.log = (event) => logged.push(event);
    h.sender.fail = new Error("503 from the provider");
    expect((await deliverDueNotices(h.deps)).claimed).toBe(1);
    // Step through time, noting how long each retry waited after the one before.
    const delays: number[] = [];
    let last = h.deps.clock.now().getTime();
    while ((await h.deps.db.outbox.stats(h.deps.clock.now())).pending > 0) {
      h.advance(1);
      if ((await deliverDueNotices(h.deps)).claimed > 0) {
        delays.push((h.deps.clock.now().getTime() - last) / 1000);
        last = h.deps.clock.now().getTime();
      }
    }
    expect(delays.length).toBe(h.deps.policy.outbox.maxAttempts - 1);
    for (let i = 1; i < delays.length; i++) {
      expect(delays[i]).toBeGreaterThan((delays[i - 1] ?? 0) * 0.9);
    }
    expect(await h.deps.db.outbox.stats(h.deps.clock.now())).toMatchObject({ pending: 0, dead: 1 });
    expect(logged.filter((event) => event === "notice_retrying")).toHaveLength(delays.length);
    expect(logged.at(-1)).toBe("notice_dead");
    expect(h.sent).toHaveLength(0);
  });

  it("gives up at once on a notice the provider refuses for good", async () => {
    const h = await queuedSignup();
    h.sender.fail = new NoticeRejected("422 invalid address");
    expect(await deliverDueNotices(h.deps)).toMatchObject({ claimed: 1, dead: 1 });
    expect(await h.deps.db.outbox.stats(h.deps.clock.now())).toMatchObject({ dead: 1 });
  });

  it("holds notices over the global email budget until it refills, losing none", async () => {
    const h = await createHarness();
    const budget = h.deps.policy.limits.emailBudget;
    h.deps.policy = {
      ...h.deps.policy,
      limits: { ...h.deps.policy.limits, emailBudget: { ...budget, limit: 2 } },
    };
    for (const address of ["a@example.com", "b@example.com", "c@example.com"]) {
      await signup(h.deps, { email: address, password });
    }
    await h.settle();
    const first = h.sent.length;
    expect(first).toBeLessThan(3);
    h.advance(budget.windowSeconds + 1);
    await h.settle();
    h.advance(budget.windowSeconds + 1);
    await h.settle();
    h.advance(budget.windowSeconds + 1);
    await h.settle();
    expect(h.sent.map((entry) => entry.notice.to).sort()).toEqual([
      "a@example.com",
      "b@example.com",
      "c@example.com",
    ]);
    expect((await h.deps.db.outbox.stats(h.deps.clock.now())).dead).toBe(0);
  });

  it("resends after a worker died mid-send with the same idempotency key and the same email", async () => {
    const h = await queuedSignup();
    await deliverThenDie(h);
    expect(h.sent).toHaveLength(1);
    expect((await deliverDueNotices(h.deps)).claimed).toBe(0); // hidden while its lease runs
    h.advance(h.deps.policy.outbox.leaseSeconds + 1);
    await h.settle();
    const [first, again] = h.sent;
    expect(again?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(again?.notice).toEqual(first?.notice);
    // The link mailed first works: the resend re-stored the very same key.
    expect(
      (await activate(h.deps, { key: await h.latestActivationKey(email), password }, meta)).user
        .email,
    ).toBe(email);
    expect((await deliverDueNotices(h.deps)).claimed).toBe(0);
  });

  it("never brings a used link back by mailing it again after a lost acknowledgement", async () => {
    const h = await queuedSignup();
    await activate(h.deps, { key: await h.latestActivationKey(email), password }, meta);
    await requestPasswordReset(h.deps, { email });
    await deliverThenDie(h);
    const key = await h.latestKey(email, "reset-password");
    await resetPassword(h.deps, { key, password: "a brand new password" });
    const sent = h.sent.length;
    h.advance(h.deps.policy.outbox.leaseSeconds + 1);
    await h.settle();
    // The retry saw the stamp move on (the link was used): nothing sent, the link stays dead.
    expect(h.sent.slice(sent).map((entry) => entry.notice.kind)).toEqual(["password_changed"]);
    expect(await reasonOf(resetPassword(h.deps, { key, password: "yet another password" }))).toBe(
      "RESET_KEY_INVALID",
    );
  });

  it("lets three workers drain one outbox without sending any notice twice", async () => {
    const h = await createHarness();
    for (let i = 0; i < 25; i++) await signup(h.deps, { email: `u${i}@example.com`, password });
    const reports = await Promise.all([
      deliverDueNotices(h.deps),
      deliverDueNotices(h.deps),
      deliverDueNotices(h.deps),
    ]);
    await h.settle();
    const claimed = reports.reduce((sum, report) => sum + report.claimed, 0);
    expect(claimed).toBeLessThanOrEqual(25);
    const keys = h.sent.map((entry) => entry.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(h.sent).toHaveLength(25);
  });

  it("drops a notice with nothing left to send: the account is gone or already active", async () => {
    const h = await queuedSignup();
    await h.settle();
    const sent = h.sent.length;
    await resendActivation(h.deps, { email });
    const user = await h.deps.db.users.findByEmail(email);
    await h.deps.db.users.delete(user?.id ?? "");
    expect(await deliverDueNotices(h.deps)).toMatchObject({ claimed: 1, dropped: 1 });
    expect(h.sent).toHaveLength(sent);
  });

  it("makes only the newest link of a user work", async () => {
    const h = await queuedSignup();
    const first = await h.latestActivationKey(email);
    await resendActivation(h.deps, { email });
    const newest = await h.latestActivationKey(email);
    expect(newest).not.toBe(first);
    expect(await reasonOf(activate(h.deps, { key: first, password }, meta))).toBe(
      "ACTIVATION_KEY_INVALID",
    );
    expect((await activate(h.deps, { key: newest, password }, meta)).user.email).toBe(email);
  });

  it("still delivers a signup queued whole by the previous release: its account first, then its link", async () => {
    const h = await createHarness();
    const passwordHash = await h.deps.passwords.hash(password);
    const queued = { kind: "signup", email, passwordHash, notify: true } as const;
    await h.deps.db.outbox.enqueue(queued, h.deps.clock.now());
    expect(await h.deps.db.users.findByEmail(email)).toBeNull();

    expect(await deliverDueNotices(h.deps)).toMatchObject({ claimed: 1, sent: 1 });
    expect((await h.deps.db.users.findByEmail(email))?.activatedAt).toBeNull();
    const key = await h.latestActivationKey(email);
    expect((await activate(h.deps, { key, password }, meta)).user.email).toBe(email);
    // Queued again for the now active account: its owner is told someone tried.
    await h.deps.db.outbox.enqueue(queued, h.deps.clock.now());
    expect((await h.emailsTo(email)).map((notice) => notice.kind)).toEqual([
      "activation",
      "account_exists",
    ]);
  });
});

describe("retryDelaySeconds", () => {
  const policy = {
    batchSize: 10,
    leaseSeconds: 60,
    maxAttempts: 8,
    retryBaseSeconds: 5,
    retryMaxSeconds: 300,
    keepFinishedDays: 7,
  };
  it("doubles per attempt, jittered into [half, whole), and stops at the cap", () => {
    expect(retryDelaySeconds(policy, 1, 0)).toBe(2.5);
    expect(retryDelaySeconds(policy, 1, 255)).toBeLessThan(5);
    expect(retryDelaySeconds(policy, 3, 0)).toBe(10);
    expect(retryDelaySeconds(policy, 20, 255)).toBeLessThan(300);
    expect(retryDelaySeconds(policy, 20, 0)).toBe(150);
  });
});
