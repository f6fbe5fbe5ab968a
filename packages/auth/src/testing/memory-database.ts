import { v7 as uuidv7 } from "uuid";
import { isBanned } from "../admin/ban";
import type {
  Database,
  RotateOutcome,
  RotateRefreshToken,
  Session,
  SessionRepository,
  User,
  UserRepository,
} from "../ports/database";
import { memoryAuditLog, memoryWebhookEndpoints } from "./memory-audit";
import { memoryIdentities } from "./memory-identities";
import { memoryOutbox } from "./memory-outbox";
import { memoryPasskeys } from "./memory-passkeys";
import { memoryRevocationLog } from "./memory-revocations";
import { memorySecondFactors } from "./memory-second-factors";
import { MemoryStore, type Scope, type StoredSession } from "./memory-store";

/** Stored in revoke_reason by the Prisma implementation too. */
const REUSE_REVOKE_REASON = "refresh_token_reused";

/**
 * The Database contract in memory, for the domain's unit tests. Each call
 * settles synchronously once it holds its "row lock", so concurrent calls
 * race exactly as their single SQL statements would; transactions run one at
 * a time and are undone when fn throws. Callers get copies, never the stored
 * objects.
 */
export function createMemoryDatabase(): Database {
  const store = new MemoryStore();
  const repositories = (scope: Scope) => ({
    users: userRepository(scope),
    sessions: sessionRepository(scope),
    secondFactors: memorySecondFactors(scope),
    passkeys: memoryPasskeys(scope),
    identities: memoryIdentities(scope),
    outbox: memoryOutbox(scope),
    revocations: memoryRevocationLog(scope),
    audit: memoryAuditLog(scope),
    webhooks: memoryWebhookEndpoints(scope),
  });
  return {
    ...repositories(store.outside),
    ping: async () => undefined,
    transaction: (fn) => store.transaction((scope) => fn(repositories(scope))),
  };
}

const copy = <T>(value: T): T => structuredClone(value);

/** What a new account starts with, as the columns' defaults say. */
const NOT_ADMIN_NOR_BANNED = {
  role: "user",
  bannedAt: null,
  bannedUntil: null,
  banReason: null,
} as const;

function userRepository({
  users,
  sessions,
  totpFactors,
  recoveryCodes,
  passkeys,
  identities,
}: Scope): UserRepository {
  /** One UPDATE ... RETURNING on a user row: waits for its lock, then changes it if it still matches. */
  const update = async (
    userId: string,
    matches: (user: User) => boolean,
    change: (user: User) => User,
  ): Promise<User | null> => {
    await users.lock((user) => user.id === userId);
    const user = users.get(userId);
    if (!user || !matches(user)) return null;
    const changed = change(user);
    users.put(changed);
    return copy(changed);
  };

  /** DELETE of users, with the rows that reference them (ON DELETE CASCADE). */
  const remove = async (match: (user: User) => boolean): Promise<number> => {
    await users.lock(match);
    const doomed = new Set(users.filter(match).map((user) => user.id));
    await sessions.lock((session) => doomed.has(session.userId));
    for (const session of sessions.filter((session) => doomed.has(session.userId))) {
      sessions.delete(session.id);
    }
    for (const factor of totpFactors.filter((factor) => doomed.has(factor.userId))) {
      totpFactors.delete(factor.id);
    }
    for (const code of recoveryCodes.filter((code) => doomed.has(code.userId))) {
      recoveryCodes.delete(code.id);
    }
    for (const passkey of passkeys.filter((passkey) => doomed.has(passkey.userId))) {
      passkeys.delete(passkey.id);
    }
    for (const identity of identities.filter((identity) => doomed.has(identity.userId))) {
      identities.delete(identity.id);
    }
    for (const id of doomed) users.delete(id);
    return doomed.size;
  };

  return {
    async findById(id) {
      return copy(users.get(id) ?? null);
    },

    async findByEmail(email) {
      return copy(users.find((user) => user.email === email) ?? null);
    },

    async createActive(input) {
      await users.lock((user) => user.email === input.email);
      if (users.find((user) => user.email === input.email)) return "email_taken";
      const user: User = {
        id: uuidv7(),
        email: input.email,
        passwordHash: null,
        activatedAt: new Date(input.createdAt),
        keyStamp: input.keyStamp,
        createdAt: new Date(input.createdAt),
        locale: input.locale,
        ...NOT_ADMIN_NOR_BANNED,
      };
      users.put(user);
      return copy(user);
    },

    // As the single INSERT ... ON CONFLICT DO UPDATE on PostgreSQL: the address's
    // row is locked (or inserted), then changed only if inactive and renewable.
    async signUp(input, { renewInactive }) {
      await users.lock((user) => user.email === input.email);
      const existing = users.find((user) => user.email === input.email);
      if (!existing) {
        const id = uuidv7();
        users.put({
          id,
          email: input.email,
          passwordHash: input.passwordHash,
          activatedAt: null,
          keyStamp: input.keyStamp,
          createdAt: new Date(input.createdAt),
          locale: input.locale,
          ...NOT_ADMIN_NOR_BANNED,
        });
        return { status: "created", userId: id };
      }
      if (existing.activatedAt) return { status: "active", userId: existing.id };
      if (!renewInactive) return { status: "kept", userId: existing.id };
      users.put({
        ...existing,
        passwordHash: input.passwordHash,
        keyStamp: input.keyStamp,
        locale: input.locale,
      });
      return { status: "renewed", userId: existing.id };
    },

    renewKeyStamp(userId, change, state) {
      return update(
        userId,
        (user) =>
          (state === "inactive") === (user.activatedAt === null) &&
          (change.expectedKeyStamp === undefined || user.keyStamp === change.expectedKeyStamp),
        (user) => ({
          ...user,
          keyStamp: change.keyStamp,
          passwordHash: change.passwordHash ?? user.passwordHash,
        }),
      );
    },

    setLocale(userId, locale) {
      return update(
        userId,
        () => true,
        (user) => ({ ...user, locale }),
      );
    },

    setPassword(userId, change) {
      return update(
        userId,
        () => true,
        (user) => ({ ...user, passwordHash: change.passwordHash, keyStamp: change.keyStamp }),
      );
    },

    // As on PostgreSQL: the compare-and-set decides first, then the unique
    // address (whose index would make the statement wait for, then fail on, a
    // transaction that wrote it).
    async changeEmail(userId, change) {
      await users.lock((user) => user.id === userId || user.email === change.toEmail);
      const user = users.get(userId);
      if (!user || user.email !== change.fromEmail) return null;
      if (users.find((other) => other.email === change.toEmail && other.id !== userId)) {
        return "email_taken";
      }
      const changed: User = { ...user, email: change.toEmail, keyStamp: change.keyStamp };
      users.put(changed);
      return copy(changed);
    },

    async delete(userId) {
      return (await remove((user) => user.id === userId)) === 1;
    },

    purgeUnactivated(createdBefore) {
      return remove((user) => user.activatedAt === null && user.createdAt < createdBefore);
    },

    async activate(userId, at, change) {
      const activated = await update(
        userId,
        (user) =>
          user.activatedAt === null && (!change || user.keyStamp === change.expectedKeyStamp),
        (user) => ({ ...user, activatedAt: new Date(at), ...change?.newPassword }),
      );
      return activated !== null;
    },

    async holdUnlessBanned(userId, now) {
      await users.lock((user) => user.id === userId);
      const user = users.get(userId);
      return user !== undefined && !isBanned(user, now);
    },

    ban(userId, ban) {
      return update(
        userId,
        () => true,
        (user) => ({
          ...user,
          bannedAt: new Date(ban.at),
          bannedUntil: ban.until && new Date(ban.until),
          banReason: ban.reason,
        }),
      );
    },

    unban(userId) {
      return update(
        userId,
        () => true,
        (user) => ({ ...user, bannedAt: null, bannedUntil: null, banReason: null }),
      );
    },

    async setRole(email, role) {
      const user = users.find((candidate) => candidate.email === email);
      return user
        ? update(
            user.id,
            () => true,
            (found) => ({ ...found, role }),
          )
        : null;
    },

    async search({ query, before, limit }) {
      return users
        .filter(
          (user) =>
            (query === undefined || user.email.includes(query)) &&
            (before === undefined || user.id < before),
        )
        .sort((a, b) => (a.id < b.id ? 1 : -1))
        .slice(0, limit)
        .map(copy);
    },
  };
}

function sessionRepository({ users, sessions }: Scope): SessionRepository {
  const publicSession = ({ revokeReason: _, ...session }: StoredSession): Session => copy(session);

  return {
    async create(input) {
      // The foreign key on sessions.user_id.
      if (!users.get(input.userId)) throw new Error(`No user ${input.userId} for a new session`);
      const session: StoredSession = {
        id: crypto.randomUUID(),
        userId: input.userId,
        refreshTokenId: input.refreshTokenId,
        createdAt: new Date(input.createdAt),
        lastUsedAt: new Date(input.createdAt),
        expiresAt: new Date(input.expiresAt),
        revokedAt: null,
        revokeReason: null,
        userAgent: input.userAgent,
        ip: input.ip,
      };
      sessions.put(session);
      return publicSession(session);
    },

    rotate: (change) => swapRefreshToken(change, change.fromTokenId),

    reissue: (change) => swapRefreshToken(change, null),

    revoke: (sessionId, at, reason) => revoke(sessionId, null, at, reason),

    revokeOwn: (sessionId, userId, at, reason) => revoke(sessionId, userId, at, reason),

    async revokeAfterReuse(sessionId, at, graceSeconds) {
      await sessions.lock((session) => session.id === sessionId);
      const session = sessions.get(sessionId);
      if (!session || session.revokedAt) return false;
      // lastUsedAt is the latest rotation: a reuse that close to it is likelier two tabs than theft.
      if (session.lastUsedAt.getTime() > at.getTime() - graceSeconds * 1000) return false;
      sessions.put({ ...session, revokedAt: new Date(at), revokeReason: REUSE_REVOKE_REASON });
      return true;
    },

    async isLive(sessionId, userId, now) {
      const session = sessions.get(sessionId);
      return session !== undefined && session.userId === userId && isLive(session, now);
    },

    async listLive(userId, now) {
      return sessions
        .filter((session) => session.userId === userId && isLive(session, now))
        .sort(
          (a, b) =>
            b.lastUsedAt.getTime() - a.lastUsedAt.getTime() ||
            b.createdAt.getTime() - a.createdAt.getTime() ||
            (a.id < b.id ? 1 : -1),
        )
        .map(publicSession);
    },

    async revokeAllOfUser(userId, at, reason, exceptSessionId) {
      const doomed = (session: StoredSession) =>
        session.userId === userId && session.id !== exceptSessionId && isLive(session, at);
      await sessions.lock(doomed);
      const revoked = sessions.filter(doomed);
      for (const session of revoked) {
        sessions.put({ ...session, revokedAt: new Date(at), revokeReason: reason });
      }
      return revoked.map((session) => session.id);
    },
  };

  async function revoke(sessionId: string, userId: string | null, at: Date, reason: string) {
    await sessions.lock((session) => session.id === sessionId);
    const session = sessions.get(sessionId);
    if (!session || session.revokedAt) return false;
    if (userId !== null && session.userId !== userId) return false;
    sessions.put({ ...session, revokedAt: new Date(at), revokeReason: reason });
    return true;
  }

  /** rotate, and with fromTokenId null reissue: any current token id will do. */
  async function swapRefreshToken(
    change: Omit<RotateRefreshToken, "fromTokenId">,
    fromTokenId: string | null,
  ): Promise<RotateOutcome> {
    await sessions.lock((session) => session.id === change.sessionId);
    const session = sessions.get(change.sessionId);
    if (!session || session.userId !== change.userId) return { status: "not_found" };
    if (session.revokedAt) return { status: "revoked" };
    if (session.expiresAt <= change.now) return { status: "expired" };
    if (fromTokenId !== null && session.refreshTokenId !== fromTokenId) {
      return { status: "reused" };
    }
    const user = users.get(change.userId);
    if (!user) return { status: "not_found" };
    const expiresAt = new Date(
      Math.min(
        change.expiresAt.getTime(),
        session.createdAt.getTime() + change.maxLifetimeSeconds * 1000,
      ),
    );
    sessions.put({
      ...session,
      refreshTokenId: change.toTokenId,
      lastUsedAt: new Date(change.now),
      expiresAt,
    });
    return {
      status: "rotated",
      user: { id: user.id, email: user.email },
      expiresAt: new Date(expiresAt),
    };
  }
}

const isLive = (session: StoredSession, now: Date) =>
  session.revokedAt === null && session.expiresAt > now;
