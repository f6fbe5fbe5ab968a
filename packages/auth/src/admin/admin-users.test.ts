import { describe, expect, it } from "vitest";
import {
  startPasswordlessLogin,
  verifyPasswordlessLogin,
} from "../passwordless/passwordless-login";
import { authenticate } from "../sessions/authenticate";
import { login } from "../sessions/login";
import { refresh } from "../sessions/refresh";
import { createHarness, type Harness, meta, reasonOf, signedIn } from "../test-harness";
import {
  banUser,
  deleteUser,
  endUserSessions,
  getUser,
  listAuditEvents,
  listUsers,
  resendActivationFor,
  unbanUser,
} from "./admin-users";
import { requireAdmin } from "./require-admin";
import { setAccountRole } from "./roles";

const password = "correct horse battery";
const adminMeta = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", ip: "192.0.2.7" };

async function withAdmin(h: Harness) {
  const signedInAdmin = await h.activeUser("root@example.com");
  await setAccountRole(h.deps, "Root@Example.com", "admin");
  const caller = await authenticate(h.deps, signedInAdmin.tokens.access);
  return requireAdmin(h.deps, caller, adminMeta, "admin.users.list");
}

const eventsOf = async (h: Harness, userId: string) =>
  (await h.deps.db.audit.list({ userId, limit: 100 })).map((event) => event.type);

describe("admin", () => {
  it("lets only an admin in, and audits a refusal with the procedure tried", async () => {
    const h = await createHarness();
    const ann = await h.activeUser();
    const caller = await authenticate(h.deps, ann.tokens.access);
    expect(await reasonOf(requireAdmin(h.deps, caller, meta, "admin.users.ban"))).toBe(
      "ADMIN_ONLY",
    );
    const [denied] = await h.deps.db.audit.list({
      userId: ann.user.id,
      type: "admin.denied",
      limit: 5,
    });
    expect(denied).toMatchObject({
      detail: { procedure: "admin.users.ban" },
      ip: "203.0.113.0/24",
    });

    await setAccountRole(h.deps, "ann@example.com", "admin");
    expect((await requireAdmin(h.deps, caller, meta, "admin.users.ban")).admin.id).toBe(
      ann.user.id,
    );
    // Revoking takes effect on the next call: the role is read each time, not from the token.
    await setAccountRole(h.deps, "ann@example.com", "user");
    expect(await reasonOf(requireAdmin(h.deps, caller, meta, "admin.users.ban"))).toBe(
      "ADMIN_ONLY",
    );
    expect(await eventsOf(h, ann.user.id)).toEqual(
      expect.arrayContaining(["admin.role.granted", "admin.role.revoked"]),
    );
  });

  it("says when there is no account to make an admin", async () => {
    const h = await createHarness();
    expect(await setAccountRole(h.deps, "nobody@example.com", "admin")).toEqual({
      status: "no_account",
      email: "nobody@example.com",
    });
    expect(await setAccountRole(h.deps, "not an address", "admin")).toEqual({
      status: "invalid_email",
    });
  });

  it("finds users by a part of their address, a page at a time, and audits the search", async () => {
    const h = await createHarness();
    const admin = await withAdmin(h);
    for (let i = 0; i < 27; i++) await h.signup({ email: `user${i}@shop.example`, password });
    const first = await listUsers(h.deps, admin, { query: "shop.example" });
    expect(first.users).toHaveLength(25);
    expect(first.users[0]).toMatchObject({ email: "user26@shop.example", status: "inactive" });
    const second = await listUsers(h.deps, admin, {
      query: "shop.example",
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });
    expect(second.users.map((user) => user.email)).toEqual([
      "user1@shop.example",
      "user0@shop.example",
    ]);
    expect(second.nextCursor).toBeNull();
    const [listed] = await h.deps.db.audit.list({ type: "admin.users.listed", limit: 1 });
    expect(listed).toMatchObject({ actorId: admin.admin.id, detail: { query: "shop.example" } });
  });

  it("shows a user's status, factors, sessions and recent events, never a secret", async () => {
    const h = await createHarness();
    const admin = await withAdmin(h);
    const ann = await h.signedInTwice();
    const view = await getUser(h.deps, admin, { userId: ann.first.user.id });
    expect(view.user).toMatchObject({ email: "ann@example.com", status: "active", ban: null });
    expect(view.sessions).toHaveLength(2);
    expect(view.secondFactor).toEqual({ totp: false, recoveryCodes: 0 });
    const text = JSON.stringify(view);
    expect(text).not.toContain(password);
    expect(text).not.toContain("$argon2");
    expect(await reasonOf(getUser(h.deps, admin, { userId: crypto.randomUUID() }))).toBe(
      "USER_NOT_FOUND",
    );
  });

  it("bans: every session ends at once, and every way in is refused with ACCOUNT_BANNED", async () => {
    const h = await createHarness();
    const admin = await withAdmin(h);
    const ann = await h.signedInTwice();
    expect(
      await banUser(h.deps, admin, { userId: ann.first.user.id, reason: "spam from this account" }),
    ).toEqual({ sessionsEnded: 2 });
    expect(await reasonOf(authenticate(h.deps, ann.first.tokens.access))).toBe("SESSION_REVOKED");
    expect(await reasonOf(refresh(h.deps, { refresh: ann.second.tokens.refresh }))).toBe(
      "ACCOUNT_BANNED",
    );
    expect(await reasonOf(login(h.deps, { email: "ann@example.com", password }, meta))).toBe(
      "ACCOUNT_BANNED",
    );
    const [refusal] = await h.deps.db.audit.list({
      userId: ann.first.user.id,
      type: "login.failed",
      limit: 1,
    });
    expect(refusal?.detail).toEqual({ method: "password", reason: "banned" });
    // Someone without the password learns nothing: the answer is the usual one.
    expect(
      await reasonOf(login(h.deps, { email: "ann@example.com", password: "a wrong guess!" }, meta)),
    ).toBe("INVALID_CREDENTIALS");
    const [banned] = await h.deps.db.audit.list({
      userId: ann.first.user.id,
      type: "admin.user.banned",
      limit: 1,
    });
    expect(banned).toMatchObject({
      actorId: admin.admin.id,
      device: "Firefox · Linux",
      detail: { reason: "spam from this account", sessionsEnded: "2" },
    });

    await unbanUser(h.deps, admin, { userId: ann.first.user.id });
    expect(
      signedIn(await login(h.deps, { email: "ann@example.com", password }, meta)).user.id,
    ).toBe(ann.first.user.id);
  });

  it("refuses a sign-in whose password check was under way when the ban committed", async () => {
    const h = await createHarness();
    const admin = await withAdmin(h);
    const ann = await h.activeUser();
    const signingIn = reasonOf(login(h.deps, { email: "ann@example.com", password }, meta));
    await banUser(h.deps, admin, { userId: ann.user.id, reason: "raced" });
    expect(await signingIn).toBe("ACCOUNT_BANNED");
    expect(await h.deps.db.sessions.listLive(ann.user.id, h.deps.clock.now())).toEqual([]);
  });

  it("refuses a passwordless sign-in of a banned account", async () => {
    const h = await createHarness();
    const admin = await withAdmin(h);
    const ann = await h.activeUser();
    await startPasswordlessLogin(h.deps, { email: "ann@example.com" });
    const key = await h.latestKey("ann@example.com", "login/email");
    await banUser(h.deps, admin, { userId: ann.user.id, reason: "fraud" });
    expect(await reasonOf(verifyPasswordlessLogin(h.deps, { key }, meta))).toBe("ACCOUNT_BANNED");
  });

  it("lets a ban lapse at its end", async () => {
    const h = await createHarness();
    const admin = await withAdmin(h);
    const ann = await h.activeUser();
    const until = new Date(h.deps.clock.now().getTime() + 3600_000).toISOString();
    await banUser(h.deps, admin, { userId: ann.user.id, reason: "cool off", until });
    expect(await reasonOf(login(h.deps, { email: "ann@example.com", password }, meta))).toBe(
      "ACCOUNT_BANNED",
    );
    h.advance(3601);
    expect(
      signedIn(await login(h.deps, { email: "ann@example.com", password }, meta)),
    ).toBeTruthy();
  });

  it("leaves nothing behind when the ban's transaction fails", async () => {
    const h = await createHarness();
    const admin = await withAdmin(h);
    const ann = await h.signedInTwice();
    h.failNextCommit();
    expect(await reasonOf(banUser(h.deps, admin, { userId: ann.first.user.id, reason: "x" }))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect((await h.deps.db.users.findById(ann.first.user.id))?.bannedAt).toBeNull();
    expect(await eventsOf(h, ann.first.user.id)).not.toContain("admin.user.banned");
    expect((await refresh(h.deps, { refresh: ann.second.tokens.refresh })).tokens).toBeTruthy();
  });

  it("ends a user's sessions, resends an activation, and deletes an account, each audited", async () => {
    const h = await createHarness();
    const admin = await withAdmin(h);
    const ann = await h.signedInTwice();
    expect(await endUserSessions(h.deps, admin, { userId: ann.first.user.id })).toEqual({
      sessionsEnded: 2,
    });
    expect(await reasonOf(authenticate(h.deps, ann.second.tokens.access))).toBe("SESSION_REVOKED");

    await h.signup({ email: "new@example.com", password });
    const newcomer = await h.deps.db.users.findByEmail("new@example.com");
    if (!newcomer) throw new Error("no account");
    const before = (await h.emailsTo("new@example.com")).length;
    await resendActivationFor(h.deps, admin, { userId: newcomer.id });
    expect((await h.emailsTo("new@example.com")).length).toBe(before + 1);
    expect(await reasonOf(resendActivationFor(h.deps, admin, { userId: ann.first.user.id }))).toBe(
      "ALREADY_ACTIVE",
    );

    await deleteUser(h.deps, admin, { userId: ann.first.user.id });
    expect(await h.deps.db.users.findById(ann.first.user.id)).toBeNull();
    expect((await h.emailsTo("ann@example.com")).at(-1)?.kind).toBe("account_deleted");
    expect(await eventsOf(h, ann.first.user.id)).toEqual(
      expect.arrayContaining(["admin.user.sessions_ended", "admin.user.deleted"]),
    );
    const { events } = await listAuditEvents(h.deps, admin, { type: "admin.user.deleted" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userId: ann.first.user.id, actorId: admin.admin.id });
  });
});
