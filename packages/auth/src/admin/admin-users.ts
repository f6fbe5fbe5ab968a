import type {
  AdminAuditListInput,
  AdminBanInput,
  AdminUserInput,
  AdminUsersListInput,
} from "@latch/validators";
import { recordSessionsEnded } from "../audit/account-events";
import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import type { AuditEvent } from "../ports/audit";
import type { User } from "../ports/database";
import { announceRevocations, recordRevocations } from "../sessions/revocation";
import { isBanned } from "./ban";
import type { AdminCaller } from "./require-admin";

const USERS_PER_PAGE = 25;
const EVENTS_PER_PAGE = 50;
/** On admin.users.get: enough to answer "why can't this person log in?". */
const RECENT_EVENTS = 20;

type UserStatus = "inactive" | "active" | "banned";

export interface AdminUserSummary {
  id: string;
  email: string;
  role: User["role"];
  status: UserStatus;
  createdAt: string;
}

export interface AuditEventView {
  id: string;
  at: string;
  type: AuditEvent["type"];
  userId: string | null;
  actorId: string | null;
  ip: string | null;
  device: string | null;
  userAgent: string | null;
  detail: AuditEvent["detail"];
}

const statusOf = (user: User, now: Date): UserStatus =>
  isBanned(user, now) ? "banned" : user.activatedAt ? "active" : "inactive";

const summaryOf = (user: User, now: Date): AdminUserSummary => ({
  id: user.id,
  email: user.email,
  role: user.role,
  status: statusOf(user, now),
  createdAt: user.createdAt.toISOString(),
});

const auditEventView = (event: AuditEvent): AuditEventView => ({
  id: event.id,
  at: event.at.toISOString(),
  type: event.type,
  userId: event.userId,
  actorId: event.actorId,
  ip: event.ip,
  device: event.device,
  userAgent: event.userAgent,
  detail: event.detail,
});

/** One more than a page is read: whether it came says whether there is a next page. */
function paged<T extends { id: string }>(rows: T[], size: number) {
  const page = rows.slice(0, size);
  return { page, nextCursor: rows.length > size ? (page.at(-1)?.id ?? null) : null };
}

type AdminDeps = Pick<AuthDeps, "db" | "clock">;

/** An admin's read, audited on its own: there is nothing else to commit it with. */
const auditRead = (
  deps: AdminDeps,
  { admin, meta }: AdminCaller,
  type: "admin.users.listed" | "admin.user.viewed" | "admin.audit.listed",
  userId: string | null,
  detail: Record<string, string> = {},
) => recordEvent(deps.db, { type, userId, actorId: admin.id, meta, at: deps.clock.now(), detail });

export async function listUsers(
  deps: AdminDeps,
  caller: AdminCaller,
  input: AdminUsersListInput,
): Promise<{ users: AdminUserSummary[]; nextCursor: string | null }> {
  const rows = await deps.db.users.search({
    ...(input.query ? { query: input.query } : {}),
    ...(input.cursor ? { before: input.cursor } : {}),
    limit: USERS_PER_PAGE + 1,
  });
  await auditRead(
    deps,
    caller,
    "admin.users.listed",
    null,
    input.query ? { query: input.query } : {},
  );
  const now = deps.clock.now();
  const { page, nextCursor } = paged(rows, USERS_PER_PAGE);
  return { users: page.map((user) => summaryOf(user, now)), nextCursor };
}

async function existingUser(deps: Pick<AuthDeps, "db">, userId: string): Promise<User> {
  const user = await deps.db.users.findById(userId);
  if (!user) throw new AuthError("USER_NOT_FOUND");
  return user;
}

/** Everything an admin needs to answer "why can't this person log in?". Never a secret. */
export async function getUser(deps: AdminDeps, caller: AdminCaller, input: AdminUserInput) {
  const user = await existingUser(deps, input.userId);
  const now = deps.clock.now();
  const [totp, recoveryCodes, passkeys, identities, sessions, events] = await Promise.all([
    deps.db.secondFactors.findTotp(user.id),
    deps.db.secondFactors.countRecoveryCodes(user.id),
    deps.db.passkeys.listOfUser(user.id),
    deps.db.identities.listOfUser(user.id),
    deps.db.sessions.listLive(user.id, now),
    deps.db.audit.list({ userId: user.id, limit: RECENT_EVENTS }),
  ]);
  await auditRead(deps, caller, "admin.user.viewed", user.id);
  return {
    user: {
      ...summaryOf(user, now),
      activatedAt: user.activatedAt?.toISOString() ?? null,
      hasPassword: user.passwordHash !== null,
      ban: user.bannedAt
        ? {
            at: user.bannedAt.toISOString(),
            until: user.bannedUntil?.toISOString() ?? null,
            reason: user.banReason ?? "",
            inForce: isBanned(user, now),
          }
        : null,
    },
    secondFactor: { totp: totp?.confirmedAt != null, recoveryCodes },
    passkeys: passkeys.map((passkey) => ({
      id: passkey.id,
      name: passkey.name,
      createdAt: passkey.createdAt.toISOString(),
      lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
    })),
    identities: identities.map((identity) => ({
      id: identity.id,
      providerId: identity.providerId,
      email: identity.email,
      createdAt: identity.createdAt.toISOString(),
      lastUsedAt: identity.lastUsedAt?.toISOString() ?? null,
    })),
    sessions: sessions.map((session) => ({
      id: session.id,
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      userAgent: session.userAgent,
      ip: session.ip,
    })),
    events: events.map(auditEventView),
  };
}

/**
 * Bans the account and ends every session of it in one transaction, whose
 * revocation announcements reach every server's feed (as a logout's do):
 * its access tokens stop at once, everywhere. Sign-ins started meanwhile
 * wait on the user's row (users.holdUnlessBanned), then are refused.
 */
export async function banUser(
  deps: AuthDeps,
  { admin, meta }: AdminCaller,
  input: AdminBanInput,
): Promise<{ sessionsEnded: number }> {
  const now = deps.clock.now();
  const until = input.until ? new Date(input.until) : null;
  const { revocations, queued } = await deps.db.transaction(async (tx) => {
    if (!(await tx.users.ban(input.userId, { at: now, until, reason: input.reason }))) {
      throw new AuthError("USER_NOT_FOUND");
    }
    const ended = await tx.sessions.revokeAllOfUser(input.userId, now, "banned", null);
    const revocations = await recordRevocations(deps, tx, ended, now);
    const occasion = { userId: input.userId, actorId: admin.id, meta, at: now };
    const sessionsQueued = await recordSessionsEnded(
      tx,
      occasion,
      { type: "session.ended", reason: "banned" },
      ended,
    );
    const queued = await recordEvent(tx, {
      type: "admin.user.banned",
      userId: input.userId,
      actorId: admin.id,
      meta,
      at: now,
      detail: {
        reason: input.reason,
        until: until?.toISOString() ?? "unbanned",
        sessionsEnded: String(ended.length),
      },
      webhook: {
        type: "user.banned",
        data: { userId: input.userId, until: until?.toISOString() ?? null },
      },
    });
    return { revocations, queued: queued + sessionsQueued };
  });
  if (queued > 0) deps.wakeOutbox();
  await announceRevocations(deps, revocations);
  return { sessionsEnded: revocations.length };
}

export async function unbanUser(
  deps: AuthDeps,
  { admin, meta }: AdminCaller,
  input: AdminUserInput,
): Promise<{ status: "unbanned" }> {
  const now = deps.clock.now();
  const queued = await deps.db.transaction(async (tx) => {
    if (!(await tx.users.unban(input.userId))) throw new AuthError("USER_NOT_FOUND");
    return recordEvent(tx, {
      type: "admin.user.unbanned",
      userId: input.userId,
      actorId: admin.id,
      meta,
      at: now,
      webhook: { type: "user.unbanned", data: { userId: input.userId } },
    });
  });
  if (queued > 0) deps.wakeOutbox();
  return { status: "unbanned" };
}

export async function endUserSessions(
  deps: AuthDeps,
  { admin, meta }: AdminCaller,
  input: AdminUserInput,
): Promise<{ sessionsEnded: number }> {
  const now = deps.clock.now();
  const { revocations, queued } = await deps.db.transaction(async (tx) => {
    if (!(await tx.users.findById(input.userId))) throw new AuthError("USER_NOT_FOUND");
    const ended = await tx.sessions.revokeAllOfUser(input.userId, now, "ended_by_admin", null);
    const revocations = await recordRevocations(deps, tx, ended, now);
    const occasion = { userId: input.userId, actorId: admin.id, meta, at: now };
    const queued = await recordSessionsEnded(
      tx,
      occasion,
      { type: "session.ended", reason: "ended_by_admin" },
      ended,
    );
    await recordEvent(tx, {
      type: "admin.user.sessions_ended",
      ...occasion,
      detail: { sessionsEnded: String(ended.length) },
    });
    return { revocations, queued };
  });
  if (queued > 0) deps.wakeOutbox();
  await announceRevocations(deps, revocations);
  return { sessionsEnded: revocations.length };
}

/**
 * A new activation email for an inactive account, through the outbox like
 * any other: its link is minted when it is sent, and only the newest works.
 */
export async function resendActivationFor(
  deps: AuthDeps,
  { admin, meta }: AdminCaller,
  input: AdminUserInput,
): Promise<{ status: "queued" }> {
  const user = await existingUser(deps, input.userId);
  if (user.activatedAt) throw new AuthError("ALREADY_ACTIVE");
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.outbox.enqueue({ kind: "activation", userId: user.id }, now);
    await recordEvent(tx, {
      type: "admin.user.activation_resent",
      userId: user.id,
      actorId: admin.id,
      meta,
      at: now,
    });
  });
  deps.wakeOutbox();
  return { status: "queued" };
}

/** As deleteAccount, on an admin's word: the sessions die everywhere, the owner is told. */
export async function deleteUser(
  deps: AuthDeps,
  { admin, meta }: AdminCaller,
  input: AdminUserInput,
): Promise<{ status: "deleted" }> {
  const now = deps.clock.now();
  const revocations = await deps.db.transaction(async (tx) => {
    const user = await tx.users.findById(input.userId);
    if (!user) throw new AuthError("USER_NOT_FOUND");
    const sessions = await tx.sessions.listLive(user.id, now);
    if (!(await tx.users.delete(user.id))) throw new AuthError("USER_NOT_FOUND");
    await tx.outbox.enqueue({ kind: "account_deleted", to: user.email, locale: user.locale }, now);
    await recordEvent(tx, {
      type: "admin.user.deleted",
      userId: user.id,
      actorId: admin.id,
      meta,
      at: now,
      webhook: { type: "user.deleted", data: { userId: user.id, email: user.email } },
    });
    return recordRevocations(
      deps,
      tx,
      sessions.map((session) => session.id),
      now,
    );
  });
  deps.wakeOutbox();
  await announceRevocations(deps, revocations);
  return { status: "deleted" };
}

export async function listAuditEvents(
  deps: AdminDeps,
  caller: AdminCaller,
  input: AdminAuditListInput,
): Promise<{ events: AuditEventView[]; nextCursor: string | null }> {
  const rows = await deps.db.audit.list({
    ...(input.userId ? { userId: input.userId } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.cursor ? { before: input.cursor } : {}),
    limit: EVENTS_PER_PAGE + 1,
  });
  await auditRead(deps, caller, "admin.audit.listed", input.userId ?? null, {
    ...(input.type ? { type: input.type } : {}),
  });
  const { page, nextCursor } = paged(rows, EVENTS_PER_PAGE);
  return { events: page.map(auditEventView), nextCursor };
}
