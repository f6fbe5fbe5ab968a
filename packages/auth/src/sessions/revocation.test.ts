import { describe, expect, it } from "vitest";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { createHarness, reasonOf } from "../test-harness";
import { createSwitchableRevocationFeed } from "../testing";
import { authenticate } from "./authenticate";
import { deliverPendingRevocations } from "./revocation";
import { logoutAll, revokeSession } from "./session-management";

/** The key store failing every write, as Redis does between PostgreSQL's commit and the announcement. */
function failWrites(deps: AuthDeps) {
  const set = deps.keys.set;
  deps.keys.set = async () => {
    throw new AuthError("SERVICE_UNAVAILABLE");
  };
  return () => {
    deps.keys.set = set;
  };
}

/** Another server on the same database and key store, with its own feed, live (vouching). */
function anotherServer(deps: AuthDeps): AuthDeps {
  const feed = createSwitchableRevocationFeed();
  feed.live = true;
  return { ...deps, feed };
}

describe("revocation announcements", () => {
  it("a session ended while the key store fails stays ended: every server learns it from the database, and it is delivered once the store answers", async () => {
    const h = await createHarness();
    await h.vouchForRevocations();
    const { first, second } = await h.signedInTwice();
    const serverB = anotherServer(h.deps);
    expect((await authenticate(serverB, second.tokens.access)).sessionId).toBe(
      second.caller.sessionId,
    );

    const restore = failWrites(h.deps);
    // Committed with its announcement: the answer says it is done.
    expect(
      await revokeSession(h.deps, first.caller, { sessionId: second.caller.sessionId }),
    ).toEqual({ status: "revoked" });
    // This server already refuses the session; server B once its worker's pass read the log.
    expect(await reasonOf(authenticate(h.deps, second.tokens.access))).toBe("SESSION_REVOKED");
    expect(await reasonOf(deliverPendingRevocations(serverB))).toBe("SERVICE_UNAVAILABLE");
    expect(await reasonOf(authenticate(serverB, second.tokens.access))).toBe("SESSION_REVOKED");
    expect(await h.deps.db.revocations.undelivered(h.deps.clock.now(), 10)).toHaveLength(1);

    restore();
    expect(await deliverPendingRevocations(serverB)).toEqual({ pending: 1 });
    expect(await h.deps.db.revocations.undelivered(h.deps.clock.now(), 10)).toEqual([]);
    // A server that heard nothing (its feed not live) finds the mark in the key store.
    const serverC = { ...h.deps, feed: createSwitchableRevocationFeed() };
    expect(await reasonOf(authenticate(serverC, second.tokens.access))).toBe("SESSION_REVOKED");
    expect((await authenticate(serverC, first.tokens.access)).sessionId).toBe(
      first.caller.sessionId,
    );
  });

  it("a session end that rolls back announces nothing", async () => {
    const h = await createHarness();
    const { first } = await h.signedInTwice();
    const transaction = h.deps.db.transaction.bind(h.deps.db);
    h.deps.db.transaction = (fn) =>
      transaction(async (tx) => {
        await fn(tx);
        throw new AuthError("SERVICE_UNAVAILABLE");
      });
    expect(await reasonOf(logoutAll(h.deps, first.caller, { keepCurrent: false }))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    h.deps.db.transaction = transaction;
    expect(await h.deps.db.revocations.undelivered(h.deps.clock.now(), 10)).toEqual([]);
    expect(h.feed.announced).toEqual([]);
    expect((await authenticate(h.deps, first.tokens.access)).sessionId).toBe(
      first.caller.sessionId,
    );
  });

  it("stops announcing a session once every access token of it has expired, and forgets it with the next delivery", async () => {
    const h = await createHarness();
    const ann = await h.signedInTwice();
    const bob = await h.signedInTwice("bob@example.com");
    const restore = failWrites(h.deps);
    await revokeSession(h.deps, ann.first.caller, { sessionId: ann.second.caller.sessionId });
    restore();
    h.advance(h.deps.policy.accessTokenTtlSeconds);
    expect(await deliverPendingRevocations(h.deps)).toEqual({ pending: 0 });
    await revokeSession(h.deps, bob.first.caller, { sessionId: bob.second.caller.sessionId });
    expect(await h.deps.db.revocations.undelivered(new Date(0), 10)).toEqual([]);
  });
});
