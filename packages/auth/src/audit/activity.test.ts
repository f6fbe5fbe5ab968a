import { describe, expect, it } from "vitest";
import { authenticate } from "../sessions/authenticate";
import { login } from "../sessions/login";
import { refresh } from "../sessions/refresh";
import { createHarness, meta, reasonOf, signedIn } from "../test-harness";
import { listActivity, reportNotMe } from "./activity";
import { recordEvent } from "./record-event";

const email = "ann@example.com";
const password = "correct horse battery";

describe("auth.activity.list", () => {
  it("lists the caller's own events newest first, with device and coarse address", async () => {
    const h = await createHarness();
    const ann = await h.activeUser();
    await h.activeUser("bob@example.com");
    h.advance(1);
    await reasonOf(login(h.deps, { email, password: "not it" }, meta));
    const caller = await authenticate(h.deps, ann.tokens.access);
    const { events, nextCursor } = await listActivity(h.deps, caller, {});
    expect(events.map((event) => event.type)).toEqual([
      "login.failed",
      "login.succeeded",
      "user.activated",
      "user.signed_up",
    ]);
    expect(events[0]).toMatchObject({
      at: "2026-03-01T12:00:01.000Z",
      ip: "203.0.113.0/24",
      byAdmin: false,
    });
    expect(nextCursor).toBeNull();
  });

  it("pages by twenty with a cursor, without repeating or skipping an event", async () => {
    const h = await createHarness();
    const ann = await h.activeUser();
    for (let i = 0; i < 40; i++) {
      h.advance(1);
      await recordEvent(h.deps.db, {
        type: "session.ended",
        userId: ann.user.id,
        meta,
        at: h.deps.clock.now(),
      });
    }
    const caller = await authenticate(h.deps, ann.tokens.access);
    const first = await listActivity(h.deps, caller, {});
    expect(first.events).toHaveLength(20);
    const second = await listActivity(h.deps, caller, { cursor: first.nextCursor ?? "" });
    expect(second.events).toHaveLength(20);
    const third = await listActivity(h.deps, caller, { cursor: second.nextCursor ?? "" });
    expect(third.events).toHaveLength(3);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.events, ...second.events, ...third.events].map((event) => event.id);
    expect(new Set(ids).size).toBe(43);
    expect(ids).toEqual([...ids].sort().reverse());
  });
});

describe("auth.activity.reportNotMe", () => {
  it("ends every session, records the report and sends a reset link", async () => {
    const h = await createHarness();
    const { first, second } = await h.signedInTwice();
    await h.settle();
    const webhooks = await h.webhookReceiver();
    expect(await reportNotMe(h.deps, second.caller, meta)).toEqual({ sessionsEnded: 2 });
    for (const session of [first, second]) {
      expect(await reasonOf(refresh(h.deps, { refresh: session.tokens.refresh }))).toBe(
        "SESSION_REVOKED",
      );
    }
    const types = (await h.events(first.caller.userId)).map((event) => event.type);
    expect(types.slice(-3)).toEqual(["account.this_was_not_me", "session.ended", "session.ended"]);
    expect(await webhooks()).toEqual(["session.revoked", "session.revoked"]);
    expect(await h.latestKey(email, "reset-password")).toHaveLength(32);
  });

  it("changes nothing when its transaction fails", async () => {
    const h = await createHarness();
    const { first, second } = await h.signedInTwice();
    await h.settle();
    const before = await h.events();
    h.failNextCommit();
    expect(await reasonOf(reportNotMe(h.deps, second.caller, meta))).toBe("SERVICE_UNAVAILABLE");
    expect(await h.events()).toEqual(before);
    const renewed = await refresh(h.deps, { refresh: first.tokens.refresh });
    expect(renewed.user.email).toBe(email);
    expect((await h.emailsTo(email)).map((notice) => notice.kind)).not.toContain("password_reset");
  });

  it("is limited per client like a reset request", async () => {
    const h = await createHarness();
    const ann = await h.activeUser();
    let refusal = "";
    for (let i = 0; i < 30 && !refusal; i++) {
      const again = signedIn(
        await login(h.deps, { email, password }, { ...meta, ip: "192.0.2.1" }),
      );
      const caller = await authenticate(h.deps, again.tokens.access);
      refusal = await reportNotMe(h.deps, caller, meta).then(
        () => "",
        (error: { reason: string }) => error.reason,
      );
    }
    expect(refusal).toBe("RATE_LIMITED");
    expect(ann.user.email).toBe(email);
  });
});
