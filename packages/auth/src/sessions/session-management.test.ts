import { describe, expect, it } from "vitest";
import { createHarness, meta, reasonOf } from "../test-harness";
import { authenticate } from "./authenticate";
import { logout } from "./logout";
import { refresh } from "./refresh";
import { listSessions, logoutAll, revokeSession } from "./session-management";

const _password = "correct horse battery";

describe("sessions", () => {
  it("lists live sessions with a coarse address, marking the current one", async () => {
    const h = await createHarness();
    const { second } = await h.signedInTwice();
    const { sessions } = await listSessions(h.deps, second.caller);
    expect(sessions).toHaveLength(2);
    const current = sessions.find((s) => s.current);
    expect(current).toMatchObject({ userAgent: "phone", ip: "198.51.100.0/24" });
  });

  it("revokes one own session, and refuses another user's", async () => {
    const h = await createHarness();
    const ann = await h.signedInTwice();
    const bob = await h.signedInTwice("bob@example.com");
    expect(
      await reasonOf(
        revokeSession(h.deps, ann.first.caller, { sessionId: bob.first.caller.sessionId }),
      ),
    ).toBe("SESSION_NOT_FOUND");
    await revokeSession(h.deps, ann.first.caller, { sessionId: ann.second.caller.sessionId });
    expect(await reasonOf(refresh(h.deps, { refresh: ann.second.tokens.refresh }))).toBe(
      "SESSION_REVOKED",
    );
    expect(await reasonOf(authenticate(h.deps, ann.second.tokens.access))).toBe("SESSION_REVOKED");
    expect(
      (await refresh(h.deps, { refresh: bob.first.tokens.refresh })).tokens.access,
    ).toBeTruthy();
  });

  it("logs out everywhere, or everywhere else", async () => {
    const h = await createHarness();
    const { first, second } = await h.signedInTwice();
    expect(await logoutAll(h.deps, first.caller, { keepCurrent: true })).toEqual({
      status: "logged_out",
      revoked: 1,
    });
    expect(await reasonOf(authenticate(h.deps, second.tokens.access))).toBe("SESSION_REVOKED");
    expect((await authenticate(h.deps, first.tokens.access)).sessionId).toBe(
      first.caller.sessionId,
    );
    await logoutAll(h.deps, first.caller, { keepCurrent: false });
    expect(await reasonOf(authenticate(h.deps, first.tokens.access))).toBe("SESSION_REVOKED");
  });
});

describe("ended sessions in the audit trail", () => {
  it("records each session a logout-everywhere ends, each announced with its id", async () => {
    const h = await createHarness();
    const { first, second } = await h.signedInTwice();
    const webhooks = await h.webhookReceiver();
    await logoutAll(h.deps, first.caller, { keepCurrent: false }, meta);
    const ended = (await h.events(first.caller.userId)).filter(
      (event) => event.type === "session.ended",
    );
    expect(ended.map((event) => event.detail.sessionId).sort()).toEqual(
      [first.caller.sessionId, second.caller.sessionId].sort(),
    );
    expect(ended.every((event) => event.detail.reason === "logout_all")).toBe(true);
    expect(await webhooks()).toEqual(["session.revoked", "session.revoked"]);
  });

  it("records a revoked session, and nothing when the revocation fails", async () => {
    const h = await createHarness();
    const { first, second } = await h.signedInTwice();
    const before = await h.events();
    h.failNextCommit();
    const input = { sessionId: second.caller.sessionId };
    expect(await reasonOf(revokeSession(h.deps, first.caller, input, meta))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect(await h.events()).toEqual(before);
    await revokeSession(h.deps, first.caller, input, meta);
    expect((await h.events()).slice(-1)[0]).toMatchObject({
      type: "session.ended",
      detail: { sessionId: second.caller.sessionId, reason: "revoked_by_user" },
    });
  });

  it("records a logout, and a replayed refresh token as refresh.reused", async () => {
    const h = await createHarness();
    const { first, second } = await h.signedInTwice();
    await logout(h.deps, first.caller, { refresh: first.tokens.refresh }, meta);
    h.advance(60);
    await refresh(h.deps, { refresh: second.tokens.refresh }, meta);
    h.advance(60);
    await reasonOf(refresh(h.deps, { refresh: second.tokens.refresh }, meta));
    const types = (await h.events(first.caller.userId)).map((event) => event.type);
    expect(types.slice(-2)).toEqual(["logout", "refresh.reused"]);
  });
});
