/**
 * What the auth domain needs from the database: users and sessions, each
 * operation one statement (or one short transaction) whose atomicity lives in
 * SQL, so races are settled by PostgreSQL, not by the caller.
 */
export interface User {
  id: string;
  /** Normalized (trimmed, lower-cased, NFC) address; unique. */
  email: string;
  passwordHash: string;
  activatedAt: Date | null;
  /** Random stamp renewed whenever an activation key is issued: binds keys to "only the newest works". */
  activationStamp: string | null;
  createdAt: Date;
}

export interface NewUser {
  email: string;
  passwordHash: string;
  activationStamp: string;
  createdAt: Date;
}

export interface Session {
  id: string;
  userId: string;
  /** jti of the one refresh token that may rotate this session now. */
  refreshTokenId: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userAgent: string | null;
  ip: string | null;
}

export interface NewSession {
  userId: string;
  refreshTokenId: string;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface RotateRefreshToken {
  sessionId: string;
  userId: string;
  fromTokenId: string;
  toTokenId: string;
  now: Date;
  expiresAt: Date;
}

/** Why a compare-and-set rotation did or did not happen. */
export type RotateOutcome =
  | { status: "rotated"; user: Pick<User, "id" | "email"> }
  | { status: "reused" }
  | { status: "revoked" }
  | { status: "expired" }
  | { status: "not_found" };

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  /** Inserts an inactive user; "email_taken" when the unique address already exists (also under a race). */
  create(user: NewUser): Promise<User | "email_taken">;
  /**
   * Renews the activation stamp (and, on a repeated signup, the password hash)
   * of a still-inactive user. Null when the user is gone or already active.
   */
  renewActivation(
    userId: string,
    change: { activationStamp: string; passwordHash?: string },
  ): Promise<User | null>;
  /** Compare-and-set: true only for the call that turned an inactive user active. */
  activate(userId: string, at: Date): Promise<boolean>;
}

export interface SessionRepository {
  create(session: NewSession): Promise<Session>;
  /**
   * Compare-and-set of the session's current refresh token id: succeeds only
   * when the session is live, belongs to userId and still holds fromTokenId.
   * Also records lastUsedAt and the new expiry, and returns the user.
   */
  rotate(change: RotateRefreshToken): Promise<RotateOutcome>;
  /** Marks a live session revoked; false when it was already revoked or does not exist. */
  revoke(sessionId: string, at: Date, reason: string): Promise<boolean>;
  /**
   * Revokes after a refresh-token reuse, unless the session rotated within the
   * last graceSeconds (two tabs racing is not theft).
   */
  revokeAfterReuse(sessionId: string, at: Date, graceSeconds: number): Promise<boolean>;
}

export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
}

export interface Database extends Repositories {
  /** Runs fn in one database transaction; everything it wrote is rolled back if it throws. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
}
