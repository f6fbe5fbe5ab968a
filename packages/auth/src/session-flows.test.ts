import { describe, expect, it } from "vitest";
import { activate } from "./activate";
import { authenticate } from "./authenticate";
import { login } from "./login";
import { logout } from "./logout";
import { createArgon2Hasher } from "./passwords";
import { refresh } from "./refresh";
import { REVOCATIONS_INTACT_MARKER } from "./revocation";
import { createHarness, type Harness, meta, reasonOf } from "./test-harness";
import { createFakeKeyStore } from "./testing";

const password = "correct horse battery";

/** Ages the key store's marker past one access lifetime: the steady state of a long-running store. */
async function vouchingKeyStore(h: Harness) {
  const since = h.deps.clock.now().getTime() - 900_000;
  await h.deps.keys.set(REVOCATIONS_INTACT_MARKER, String(since), 3600);
}

async function activeUser(h: Harness, email = "ann@example.com") {
  await h.signup({ email, password });
  return activate(h.deps, { key: await h.latestActivationKey(email), password }, meta);
}

describe("login", () => {
  it("signs an active user in", async () => {
    const h = await createHarness();
    await activeUser(h);
    const { user, tokens } = await login(h.deps, { email: "ann@example.com", password }, meta);
    expect(user.email).toBe("ann@example.com");
    expect(new Date(tokens.accessExpiresAt).getTime()).toBe(h.deps.clock.now().getTime() + 900_000);
    expect(new Date(tokens.refreshExpiresAt).getTime()).toBe(
      h.deps.clock.now().getTime() + 86_400_000,
    );
  });

  it("fails a wrong password and an unknown address alike, verifying a dummy hash for the unknown one", async () => {
    const h = await createHarness();
    await activeUser(h);
    let dummies = 0;
    const verifyDummy = h.deps.passwords.verifyDummy;
    h.deps.passwords.verifyDummy = (value) => {
      dummies++;
      return verifyDummy(value);
    };
    const wrongPassword = await reasonOf(
      login(h.deps, { email: "ann@example.com", password: "not the password" }, meta),
    );
    const unknown = await reasonOf(login(h.deps, { email: "bob@example.com", password }, meta));
    expect([wrongPassword, unknown]).toEqual(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS"]);
    expect(dummies).toBe(1);
  });

  it("tells an inactive account apart only when the password is right", async () => {
    const h = await createHarness();
    await h.signup({ email: "ann@example.com", password });
    expect(await reasonOf(login(h.deps, { email: "ann@example.com", password }, meta))).toBe(
      "ACCOUNT_NOT_ACTIVATED",
    );
    expect(
      await reasonOf(login(h.deps, { email: "ann@example.com", password: "wrong one!" }, meta)),
    ).toBe("INVALID_CREDENTIALS");
  });

  it("upgrades a hash made with older argon2 parameters at the next login", async () => {
    const h = await createHarness();
    await activeUser(h);
    const old = createArgon2Hasher({ memoryCost: 512, timeCost: 1, parallelism: 1 });
    const user = await h.deps.db.users.findByEmail("ann@example.com");
    await h.deps.db.users.setPassword(user?.id ?? "", {
      passwordHash: await old.hash(password),
      keyStamp: user?.keyStamp ?? "",
    });
    await login(h.deps, { email: "ann@example.com", password }, meta);
    const upgraded = await h.deps.db.users.findByEmail("ann@example.com");
    expect(upgraded?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect((await login(h.deps, { email: "ann@example.com", password }, meta)).user.email).toBe(
      "ann@example.com",
    );
  });
});

describe("refresh", () => {
  it("ends the session's access tokens at once when a rotated token is replayed after the grace", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    await vouchingKeyStore(h);
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
    const { tokens } = await activeUser(h);
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
    const { tokens } = await activeUser(h);
    h.advance(60);
    const { tokens: next } = await refresh(h.deps, { refresh: tokens.refresh });
    expect(next.refresh).not.toBe(tokens.refresh);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
  });

  it("uses one transaction and at most two key-store calls", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    h.keys.reset();
    let transactions = 0;
    const transaction = h.deps.db.transaction.bind(h.deps.db);
    h.deps.db.transaction = (fn) => {
      transactions++;
      return transaction(fn);
    };
    await refresh(h.deps, { refresh: tokens.refresh });
    expect(transactions).toBe(1);
    expect(h.keys.calls.total).toBeLessThanOrEqual(2);
  });

  it("ends the whole session when a rotated token is replayed later (theft)", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    const { tokens: next } = await refresh(h.deps, { refresh: tokens.refresh });
    h.advance(60);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
    expect(await reasonOf(refresh(h.deps, { refresh: next.refresh }))).toBe("SESSION_REVOKED");
  });

  it("keeps the session when the replay comes within the grace of two racing tabs", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    const { tokens: next } = await refresh(h.deps, { refresh: tokens.refresh });
    h.advance(2);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
    expect((await refresh(h.deps, { refresh: next.refresh })).tokens.access).toBeTruthy();
  });

  it("still refuses a rotated token after the key store lost its blacklist", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    await refresh(h.deps, { refresh: tokens.refresh });
    h.deps.keys = (await createHarness()).keys; // an emptied Redis
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_REUSED",
    );
  });

  it("lets exactly one of two simultaneous refreshes with one token win", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    const results = await Promise.allSettled([
      refresh(h.deps, { refresh: tokens.refresh }),
      refresh(h.deps, { refresh: tokens.refresh }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses an expired refresh token and an access token posing as one", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.access }))).toBe(
      "REFRESH_TOKEN_INVALID",
    );
    h.advance(86_401);
    expect(await reasonOf(refresh(h.deps, { refresh: tokens.refresh }))).toBe(
      "REFRESH_TOKEN_EXPIRED",
    );
  });
});

describe("authenticate and logout", () => {
  it("authenticates with one key-store call and no database while the key store vouches", async () => {
    const h = await createHarness();
    const { tokens, user } = await activeUser(h);
    await vouchingKeyStore(h);
    h.keys.reset();
    h.deps.db.sessions.isLive = () => Promise.reject(new Error("me must not touch the database"));
    const claims = await authenticate(h.deps, tokens.access);
    expect(claims.userId).toBe(user.id);
    expect(h.keys.calls.total).toBe(1);
  });

  it("asks the database while the key store cannot vouch, so a flush revives no logged-out session", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    const other = await login(h.deps, { email: "ann@example.com", password }, meta);
    await vouchingKeyStore(h);
    await logout(h.deps, await authenticate(h.deps, tokens.access), { refresh: tokens.refresh });
    // Redis restarts empty: every revocation mark (and the marker) is gone.
    h.deps.keys = createFakeKeyStore(() => h.deps.clock.now().getTime());
    expect(await reasonOf(authenticate(h.deps, tokens.access))).toBe("SESSION_REVOKED");
    expect((await authenticate(h.deps, other.tokens.access)).sessionId).toBeTruthy();
    // One access-token lifetime later every token from before the flush has expired.
    h.advance(900);
    const fresh = await login(h.deps, { email: "ann@example.com", password }, meta);
    h.deps.db.sessions.isLive = () => Promise.reject(new Error("steady state again"));
    expect((await authenticate(h.deps, fresh.tokens.access)).userId).toBe(fresh.user.id);
  });

  it("refuses a refresh token posing as an access token, and a missing one", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
    expect(await reasonOf(authenticate(h.deps, tokens.refresh))).toBe("ACCESS_TOKEN_INVALID");
    expect(await reasonOf(authenticate(h.deps, null))).toBe("ACCESS_TOKEN_MISSING");
    h.advance(901);
    expect(await reasonOf(authenticate(h.deps, tokens.access))).toBe("ACCESS_TOKEN_EXPIRED");
  });

  it("logout ends the session: its refresh token and its access token stop working", async () => {
    const h = await createHarness();
    const { tokens } = await activeUser(h);
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
    const { tokens } = await activeUser(h);
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
    const ann = await activeUser(h, "ann@example.com");
    const bob = await activeUser(h, "bob@example.com");
    const caller = await authenticate(h.deps, ann.tokens.access);
    expect(await reasonOf(logout(h.deps, caller, { refresh: bob.tokens.refresh }))).toBe(
      "REFRESH_TOKEN_INVALID",
    );
    expect((await refresh(h.deps, { refresh: bob.tokens.refresh })).tokens.access).toBeTruthy();
  });
});
