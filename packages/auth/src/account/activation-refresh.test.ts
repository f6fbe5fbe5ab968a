import { describe, expect, it } from "vitest";
import { createHarness, meta, reasonOf } from "../test-harness";
import { activate } from "./activate";
import { refreshActivationKey, resendActivation } from "./activation-refresh";
import { requestPasswordReset } from "./password-reset";

const password = "correct horse battery";

describe("refreshActivationKey", () => {
  it("mails a new working link for an expired key, never returns it, and kills the old key", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    const expired = await h.latestActivationKey("ann@example.com");
    h.advance(3600);

    const result = await refreshActivationKey(h.deps, { key: expired });

    expect(result).toEqual({ status: "sent" });
    const fresh = await h.latestActivationKey("ann@example.com");
    expect(fresh).not.toBe(expired);
    expect(JSON.stringify(result)).not.toContain(fresh);
    expect(await reasonOf(refreshActivationKey(h.deps, { key: expired }))).toBe(
      "ACTIVATION_KEY_INVALID",
    );
    expect((await activate(h.deps, { key: fresh, password }, meta)).user.email).toBe(
      "ann@example.com",
    );
  });

  it("sends one new link when the same expired key is refreshed twice at once", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    const expired = await h.latestActivationKey("ann@example.com");
    h.advance(1000);
    const results = await Promise.allSettled([
      refreshActivationKey(h.deps, { key: expired }),
      refreshActivationKey(h.deps, { key: expired }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await h.emailsTo("ann@example.com")).toHaveLength(2);
  });

  it("says the account is already active instead of mailing a link", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    const key = await h.latestActivationKey("ann@example.com");
    await activate(h.deps, { key, password }, meta);
    expect(await reasonOf(refreshActivationKey(h.deps, { key }))).toBe("ALREADY_ACTIVE");
  });
});

describe("resendActivation", () => {
  it("answers an unknown address like a known one and mails nobody", async () => {
    const h = await createHarness();
    expect(await resendActivation(h.deps, { email: "nobody@example.com" })).toEqual({
      status: "sent",
    });
    await h.settle();
    expect(h.sent).toHaveLength(0);
  });

  it("mails an inactive account a new link", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    await resendActivation(h.deps, { email: "ann@example.com" });
    await h.settle();
    expect((await h.emailsTo("ann@example.com")).map((m) => m.kind)).toEqual([
      "activation",
      "activation",
    ]);
  });

  it("never leaves an address with a dead link and no new one when flooded", async () => {
    const h = await createHarness({ emailsPerAddressPerHour: 2 });
    await h.signup({ email: "ann@example.com", password });
    for (let i = 0; i < 5; i++) {
      await resendActivation(h.deps, { email: "ann@example.com" });
      await h.settle();
    }
    const newest = await h.latestActivationKey("ann@example.com");
    expect((await activate(h.deps, { key: newest, password }, meta)).user.email).toBe(
      "ann@example.com",
    );
  });
});

describe("answers that do not depend on the address", () => {
  it("resend and password reset only queue the address, known or not: the outbox looks it up", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    const sent = h.sent.length;
    const reads = { byEmail: 0 };
    const findByEmail = h.deps.db.users.findByEmail;
    h.deps.db.users.findByEmail = (email) => {
      reads.byEmail += 1;
      return findByEmail(email);
    };
    const answers = [
      await resendActivation(h.deps, { email: "ann@example.com" }),
      await resendActivation(h.deps, { email: "nobody@example.com" }),
      await requestPasswordReset(h.deps, { email: "ann@example.com" }),
      await requestPasswordReset(h.deps, { email: "nobody@example.com" }),
    ];
    expect(answers).toEqual(Array(4).fill({ status: "sent" }));
    expect(reads.byEmail).toBe(0);
    expect(h.sent).toHaveLength(sent);
    expect(h.wakes()).toBeGreaterThanOrEqual(4);
    expect((await h.deps.db.outbox.stats(h.deps.clock.now())).pending).toBe(4);
    await h.settle();
    expect(h.sent.map((entry) => entry.notice.kind).slice(sent)).toEqual([
      "activation",
      "activation",
    ]);
  });
});
