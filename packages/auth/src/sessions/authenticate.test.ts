import { describe, expect, it } from "vitest";
import { createHarness, meta, reasonOf, signedIn } from "../test-harness";
import { createFakeKeyStore } from "../testing";
import { authenticate } from "./authenticate";
import { login } from "./login";
import { logout } from "./logout";
import { refresh } from "./refresh";

const password = "correct horse battery";

describe("authenticate and logout", () => {
  it("authenticates with one key-store call and no database while the key store vouches", async () => {
    const h = await createHarness();
    const { tokens, user } = await h.activeUser();
    await h.vouchForRevocations();
    h.keys.reset();
    h.deps.db.sessions.isLive = () => Promise.reject(new Error("me must not touch the database"));
    const claims = await authenticate(h.deps, tokens.access);
    expect(claims.userId).toBe(user.id);
    expect(h.keys.calls.total).toBe(1);
  });

  it("authenticates with no key-store call and no database while the revocation feed is live", async () => {
    const h = await createHarness();
    const { tokens, user } = await h.activeUser();
    h.feed.live = true;
    h.keys.reset();
    h.deps.db.sessions.isLive = () => Promise.reject(new Error("me must not touch the database"));
    const claims = await authenticate(h.deps, tokens.access);
    expect(claims.userId).toBe(user.id);
    expect(h.keys.calls.total).toBe(0);
  });

  it("announces every ended session to the feed, which then refuses it without asking anyone", async () => {
    const h = await createHarness();
    const { first, second } = await h.signedInTwice();
    h.feed.live = true;
    await logout(h.deps, first.caller, { refresh: first.tokens.refresh });
    expect(h.feed.announced).toEqual([[first.caller.sessionId]]);
    h.keys.reset();
    expect(await reasonOf(authenticate(h.deps, first.tokens.access))).toBe("SESSION_REVOKED");
    expect((await authenticate(h.deps, second.tokens.access)).sessionId).toBe(
      second.caller.sessionId,
    );
    expect(h.keys.calls.total).toBe(0);
  });

  it("falls back to the per-request check while the feed is not live, never to 'not revoked'", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    await h.vouchForRevocations();
    await logout(h.deps, first.caller, { refresh: first.tokens.refresh });
    // Another server's feed missed the announcement and is reconnecting.
    h.deps.feed = {
      lookup: () => "unsure",
      state: () => "down",
      announce: async () => undefined,
    };
    h.keys.reset();
    expect(await reasonOf(authenticate(h.deps, first.tokens.access))).toBe("SESSION_REVOKED");
    expect(h.keys.calls.total).toBe(1);
  });

  it("asks the database while the key store cannot vouch, so a flush revives no logged-out session", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    const other = signedIn(await login(h.deps, { email: "ann@example.com", password }, meta));
    await h.vouchForRevocations();
    await logout(h.deps, await authenticate(h.deps, tokens.access), { refresh: tokens.refresh });
    // Redis restarts empty: every revocation mark (and the marker) is gone.
    h.deps.keys = createFakeKeyStore(() => h.deps.clock.now().getTime());
    expect(await reasonOf(authenticate(h.deps, tokens.access))).toBe("SESSION_REVOKED");
    expect((await authenticate(h.deps, other.tokens.access)).sessionId).toBeTruthy();
    // One access-token lifetime later every token from before the flush has expired.
    h.advance(900);
    const fresh = signedIn(await login(h.deps, { email: "ann@example.com", password }, meta));
    h.deps.db.sessions.isLive = () => Promise.reject(new Error("steady state again"));
    expect((await authenticate(h.deps, fresh.tokens.access)).userId).toBe(fresh.user.id);
  });

  it("refuses a refresh token posing as an access token, and a missing one", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    expect(await reasonOf(authenticate(h.deps, tokens.refresh))).toBe("ACCESS_TOKEN_INVALID");
    expect(await reasonOf(authenticate(h.deps, null))).toBe("ACCESS_TOKEN_MISSING");
    h.advance(901);
    expect(await reasonOf(authenticate(h.deps, tokens.access))).toBe("ACCESS_TOKEN_EXPIRED");
  });

  it("logout ends the session: its refresh token and its access token stop working", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    const caller = await authenticate(h.deps, tokens.access);
    expect(await logout(h.deps, caller, { refresh: tokens.refresh })).toEqual({
      status: "logged_out",
    });
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe("SESSION_REVOKED");
    expect(await reasonOf(authenticate(h.deps, tokens.access))).toBe("SESSION_REVOKED");
    h.deps.keys = (await createHarness()).keys; // an emptied Redis: PostgreSQL still says no
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe("SESSION_REVOKED");
  });

  it("logs out with an expired refresh token, even when the error comes from a second copy of the module", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    const caller = await authenticate(h.deps, tokens.access);
    // Next.js can bundle this package twice; errors from the other copy fail instanceof.
    h.deps.tokens.verifyRefresh = async () => {
      throw Object.assign(new Error("expired"), {
        name: "AuthError",
        reason: "REFRESH_TOKEN_EXPIRED",
      });
    };
    expect(await logout(h.deps, caller, { refresh: tokens.refresh })).toEqual({
      status: "logged_out",
    });
    expect(await reasonOf(authenticate(h.deps, tokens.access))).toBe("SESSION_REVOKED");
  });

  it("refuses to log out with someone else's refresh token", async () => {
    const h = await createHarness();
    const ann = await h.activeUser("ann@example.com");
    const bob = await h.activeUser("bob@example.com");
    const caller = await authenticate(h.deps, ann.tokens.access);
    expect(await reasonOf(logout(h.deps, caller, { refresh: bob.tokens.refresh }))).toBe(
      "REFRESH_TOKEN_INVALID",
    );
    expect((await refresh(h.deps, { refresh: bob.tokens.refresh })).tokens.access).toBeTruthy();
  });
});
