import { describe, expect, it } from "vitest";
import { createHarness, reasonOf } from "../test-harness";
import { authenticate } from "./authenticate";
import { refresh } from "./refresh";

describe("refresh", () => {
  it("ends the session's access tokens at once when a rotated token is replayed after the grace", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    await h.vouchForRevocations();
    h.advance(60);
    const { tokens: rotated } = await refresh(h.deps, { refresh: tokens.refresh });
    h.advance(11);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
    expect(await reasonOf(authenticate(h.deps, rotated.access))).toBe("SESSION_REVOKED");
    expect(await reasonOf(authenticate(h.deps, tokens.access))).toBe("SESSION_REVOKED");
  });

  it("never carries a session past its absolute lifetime, however often it is refreshed", async () => {
    const h = await createHarness({ sessionMaxLifetimeSeconds: 2 * 86_400 });
    const { tokens } = await h.activeUser();
    const end = h.deps.clock.now().getTime() + 2 * 86_400_000;
    let current = tokens.refresh;
    for (let hours = 20; hours < 48; hours += 20) {
      h.advance(20 * 3600);
      const next = await refresh(h.deps, { refresh: current });
      expect(new Date(next.tokens.refreshExpiresAt).getTime()).toBeLessThanOrEqual(end);
      current = next.tokens.refresh;
    }
    h.advance(8 * 3600 + 1);
    expect(await reasonOf(refresh(h.deps, { refresh: current }))).toMatch(/REFRESH_TOKEN_EXPIRED/);
  });

  it("rotates: new tokens work, and the old refresh token is refused as reused", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    h.advance(60);
    const { tokens: next } = await refresh(h.deps, { refresh: tokens.refresh });
    expect(next.refresh).not.toBe(tokens.refresh);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
  });

  it("uses no transaction and no key-store call: PostgreSQL's compare-and-set is the whole check", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    h.keys.reset();
    const transactions = h.countTransactions();
    await refresh(h.deps, { refresh: tokens.refresh });
    expect(transactions()).toBe(0);
    expect(h.keys.calls.total).toBe(0);
  });

  it("rotates while the key store is down, and still refuses the rotated token", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    const down = () => Promise.reject(new Error("key store down"));
    h.deps.keys = {
      get: down,
      getMany: down,
      set: down,
      getAndDelete: down,
      delete: down,
      increment: down,
    };
    const { tokens: next } = await refresh(h.deps, { refresh: tokens.refresh });
    expect(next.refresh).not.toBe(tokens.refresh);
    h.advance(2); // within the grace: refused, and nothing needs announcing
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
  });

  it("ends the whole session when a rotated token is replayed later (theft)", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    const { tokens: next } = await refresh(h.deps, { refresh: tokens.refresh });
    h.advance(60);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
    expect(await reasonOf(refresh(h.deps, { refresh: next.refresh }))).toBe("SESSION_REVOKED");
  });

  it("keeps the session when the replay comes within the grace of two racing tabs", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    const { tokens: next } = await refresh(h.deps, { refresh: tokens.refresh });
    h.advance(2);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
    expect((await refresh(h.deps, { refresh: next.refresh })).tokens.access).toBeTruthy();
  });

  it("still refuses a rotated token after the key store was emptied", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    await refresh(h.deps, { refresh: tokens.refresh });
    h.deps.keys = (await createHarness()).keys; // an emptied Redis
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
  });

  it("lets exactly one of two simultaneous refreshes with one token win", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    const results = await Promise.allSettled([
      refresh(h.deps, { refresh: tokens.refresh }),
      refresh(h.deps, { refresh: tokens.refresh }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses an expired refresh token and an access token posing as one", async () => {
    const h = await createHarness();
    const { tokens } = await h.activeUser();
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.access }))).toBe(
      "REFRESH_TOKEN_INVALID",
    );
    h.advance(86_401);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_EXPIRED",
    );
  });
});
