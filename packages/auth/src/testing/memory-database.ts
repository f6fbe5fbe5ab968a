import type {
  Database,
  RotateOutcome,
  RotateRefreshToken,
  Session,
  SessionRepository,
  User,
  UserRepository,
} from "../database";
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
  });
  return {
    ...repositories(store.outside),
    transaction: (fn) => store.transaction((scope) => fn(repositories(scope))),
  };
}

const copy = <T>(value: T): T => structuredClone(value);

function userRepository({ users }: Scope): UserRepository {
  return {
    async findById(id) {
      return copy(users.get(id) ?? null);
    },

    async findByEmail(email) {
      return copy(users.find((user) => user.email === email) ?? null);
    },

    async create(input) {
      await users.lock((user) => user.email === input.email);
      if (users.find((user) => user.email === input.email)) return "email_taken";
      const user: User = {
        id: crypto.randomUUID(),
        email: input.email,
        passwordHash: input.passwordHash,
        activatedAt: null,
        activationStamp: input.activationStamp,
        createdAt: new Date(input.createdAt),
      };
      users.put(user);
      return copy(user);
    },

    async renewActivation(userId, change) {
      await users.lock((user) => user.id === userId);
      const user = users.get(userId);
      if (!user || user.activatedAt) return null;
      const renewed: User = {
        ...user,
        activationStamp: change.activationStamp,
        passwordHash: change.passwordHash ?? user.passwordHash,
      };
      users.put(renewed);
      return copy(renewed);
    },

    async activate(userId, at) {
      await users.lock((user) => user.id === userId);
      const user = users.get(userId);
      if (!user || user.activatedAt) return false;
      users.put({ ...user, activatedAt: new Date(at) });
      return true;
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

    async rotate(change: RotateRefreshToken): Promise<RotateOutcome> {
      await sessions.lock((session) => session.id === change.sessionId);
      const session = sessions.get(change.sessionId);
      if (!session || session.userId !== change.userId) return { status: "not_found" };
      if (session.revokedAt) return { status: "revoked" };
      if (session.expiresAt <= change.now) return { status: "expired" };
      if (session.refreshTokenId !== change.fromTokenId) return { status: "reused" };
      const user = users.get(change.userId);
      if (!user) return { status: "not_found" };
      sessions.put({
        ...session,
        refreshTokenId: change.toTokenId,
        lastUsedAt: new Date(change.now),
        expiresAt: new Date(change.expiresAt),
      });
      return { status: "rotated", user: { id: user.id, email: user.email } };
    },

    async revoke(sessionId, at, reason) {
      await sessions.lock((session) => session.id === sessionId);
      const session = sessions.get(sessionId);
      if (!session || session.revokedAt) return false;
      sessions.put({ ...session, revokedAt: new Date(at), revokeReason: reason });
      return true;
    },

    async revokeAfterReuse(sessionId, at, graceSeconds) {
      await sessions.lock((session) => session.id === sessionId);
      const session = sessions.get(sessionId);
      if (!session || session.revokedAt) return false;
      // lastUsedAt is the latest rotation: a reuse that close to it is likelier two tabs than theft.
      if (session.lastUsedAt.getTime() > at.getTime() - graceSeconds * 1000) return false;
      sessions.put({ ...session, revokedAt: new Date(at), revokeReason: REUSE_REVOKE_REASON });
      return true;
    },
  };
}
