import type { Database, NewSession, NewUser, RotateRefreshToken } from "../../ports/database";

export const T0 = new Date("2026-03-01T12:00:00.000Z");
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
export const DAY = 86_400;

/** Builders shared by the contract's parts; the database is shared too, so every user gets its own address. */
export function fixtures(db: () => Database) {
  const newUser = (overrides: Partial<NewUser> = {}): NewUser => ({
    email: `user-${crypto.randomUUID()}@example.test`,
    passwordHash: "hash-1",
    keyStamp: "stamp-1",
    createdAt: T0,
    locale: "en",
    ...overrides,
  });
  /** An inactive user, made the way a signup makes one. */
  const createUser = async (overrides: Partial<NewUser> = {}) => {
    const outcome = await db().users.signUp(newUser(overrides), { renewInactive: false });
    const user = outcome.status === "created" && (await db().users.findById(outcome.userId));
    if (!user) throw new Error("expected a fresh address");
    return user;
  };
  const createActiveUser = async (overrides: Partial<NewUser> = {}) => {
    const user = await createUser(overrides);
    if (!(await db().users.activate(user.id, at(10)))) throw new Error("expected an inactive user");
    return { ...user, activatedAt: at(10) };
  };
  const newSession = (userId: string, overrides: Partial<NewSession> = {}): NewSession => ({
    userId,
    refreshTokenId: "token-0",
    createdAt: T0,
    expiresAt: at(DAY),
    userAgent: "vitest",
    ip: "203.0.113.9",
    ...overrides,
  });
  const createSession = async (overrides: Partial<NewSession> = {}) => {
    const user = await createUser();
    const session = await db().sessions.create(newSession(user.id, overrides));
    return { user, session };
  };
  const rotation = (
    session: { id: string; userId: string },
    from: string,
    to: string,
    now = at(60),
  ): RotateRefreshToken => ({
    sessionId: session.id,
    userId: session.userId,
    fromTokenId: from,
    toTokenId: to,
    now,
    expiresAt: new Date(now.getTime() + DAY * 1000),
    maxLifetimeSeconds: 30 * DAY,
  });
  return { db, newUser, createUser, createActiveUser, newSession, createSession, rotation };
}

export type Fixtures = ReturnType<typeof fixtures>;
