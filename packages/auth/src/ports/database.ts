import type { AuditLog, AuditLogWriter, WebhookDeliveryRequest, WebhookEndpoints } from "./audit";
import type { NoticeRequest } from "./notices";

/** What the outbox carries: a notice to mail, or a webhook to deliver. */
export type OutboxRequest = NoticeRequest | WebhookDeliveryRequest;

export type Role = "user" | "admin";

/**
 * What the auth domain needs from the database: users and sessions, each
 * operation one statement (or one short transaction) whose atomicity lives in
 * SQL, so races are settled by PostgreSQL, not by the caller.
 */
export interface User {
  id: string;
  /** Normalized (trimmed, lower-cased, NFC) address; unique. */
  email: string;
  /** Null for an account that signs in only through providers (and passkeys) until it sets one. */
  passwordHash: string | null;
  activatedAt: Date | null;
  /**
   * Random stamp renewed whenever a one-time key (activation, password reset,
   * email change) is issued or the password or address changes: every key's
   * token includes it, so only the newest key of a user works.
   */
  keyStamp: string | null;
  createdAt: Date;
  role: Role;
  /** Set while an admin's ban stands (see isBanned): every way in is refused. */
  bannedAt: Date | null;
  /** Null with bannedAt set: banned until unbanned. */
  bannedUntil: Date | null;
  banReason: string | null;
  /**
   * The language the account's emails are written in: the signup's (or the
   * provider sign-in's) request language, changed by setLocale. Opaque here:
   * the api layer checks it is one of the languages the emails are written in.
   * Null for an account older than languages, which never chose one.
   */
  locale: string | null;
}

interface Ban {
  at: Date;
  until: Date | null;
  reason: string;
}

/** One page of admin.users.list. */
interface UserSearch {
  /** A part of the address; any account when absent. */
  query?: string;
  /** Only accounts older than this user id (ids are time-ordered; the previous page's last). */
  before?: string;
  limit: number;
}

export interface NewUser {
  email: string;
  passwordHash: string;
  keyStamp: string;
  createdAt: Date;
  /** The new account's language; a renewed inactive account takes it too, an active one keeps its own. */
  locale: string;
}

/** What a signup did to its address's account; the caller picks the notice from it. */
export type SignupOutcome =
  /** A new inactive account. */
  | { status: "created"; userId: string }
  /** An inactive account took the new password hash and key stamp. */
  | { status: "renewed"; userId: string }
  /** An inactive account left as it was, because it was not to be renewed. */
  | { status: "kept"; userId: string }
  /** An active account, always left as it was. */
  | { status: "active"; userId: string };

/** What an activation checks and changes besides the activation time. */
interface ActivationChange {
  /** The key stamp the activation key was issued under: activation fails once it moved on. */
  expectedKeyStamp: string | null;
  /**
   * The password the mailbox owner chose at activation, with a fresh stamp;
   * a null hash discards every pending password (a provider proved the mailbox).
   */
  newPassword?: { passwordHash: string | null; keyStamp: string };
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
  /** The sliding expiry asked for; never later than the session's creation plus maxLifetimeSeconds. */
  expiresAt: Date;
  maxLifetimeSeconds: number;
}

/** Why a compare-and-set rotation did or did not happen. */
export type RotateOutcome =
  | { status: "rotated"; user: Pick<User, "id" | "email">; expiresAt: Date }
  | { status: "reused" }
  | { status: "revoked" }
  | { status: "expired" }
  | { status: "not_found" };

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  /**
   * The account side of a signup as one statement, so every branch costs the
   * same: creates the inactive user; or gives the address's inactive user the
   * new password hash, key stamp and language (only when renewInactive); or leaves an
   * active user alone. It locks the address's row in every branch, so
   * concurrent signups of one address settle on one account, each told what
   * it did.
   */
  signUp(user: NewUser, options: { renewInactive: boolean }): Promise<SignupOutcome>;
  /**
   * An active account without a password, for a provider's verified address;
   * "email_taken" when the address already has an account (also under a race).
   */
  createActive(user: {
    email: string;
    keyStamp: string;
    createdAt: Date;
    locale: string;
  }): Promise<User | "email_taken">;
  /**
   * Renews the key stamp (and, on a repeated signup, the password hash) of a
   * user that is still in the given state (inactive for activation, active
   * for reset and email change) and, when `expectedKeyStamp` is given, still
   * holds that stamp (compare-and-set). Null when the user is gone or not in it.
   */
  renewKeyStamp(
    userId: string,
    change: { keyStamp: string; passwordHash?: string; expectedKeyStamp?: string | null },
    state: "inactive" | "active",
  ): Promise<User | null>;
  /** Sets a new password hash and key stamp (killing every outstanding key). Null when the user is gone. */
  setPassword(
    userId: string,
    change: { passwordHash: string; keyStamp: string },
  ): Promise<User | null>;
  /**
   * Compare-and-set of the address: switches fromEmail to toEmail and renews
   * the key stamp. "email_taken" when toEmail belongs to someone (also under a
   * race); null when the user is gone or no longer has fromEmail.
   */
  changeEmail(
    userId: string,
    change: { fromEmail: string; toEmail: string; keyStamp: string },
  ): Promise<User | "email_taken" | null>;
  /** Sets the language of the account's emails; null when the user is gone. */
  setLocale(userId: string, locale: string): Promise<User | null>;
  /** Deletes the user and (by cascade) their sessions; false when already gone. */
  delete(userId: string): Promise<boolean>;
  /** Deletes never-activated users created before the cutoff; returns how many. */
  purgeUnactivated(createdBefore: Date): Promise<number>;
  /**
   * Compare-and-set: true only for the call that turned an inactive user
   * active (and, with `change`, whose key stamp was still the expected one).
   */
  activate(userId: string, at: Date, change?: ActivationChange): Promise<boolean>;
  /**
   * Takes a share lock on the user's row, inside a transaction that starts a
   * session: true when the user exists and is not banned at `now`. A ban
   * (which updates the row) waits for the transaction, then ends the session
   * it started; or the ban came first and this says false.
   */
  holdUnlessBanned(userId: string, now: Date): Promise<boolean>;
  /** Bans the user (replacing an earlier ban); null when the user is gone. */
  ban(userId: string, ban: Ban): Promise<User | null>;
  /** Lifts the user's ban; null when the user is gone. */
  unban(userId: string): Promise<User | null>;
  /** Sets the role of the address's account; null when there is none. */
  setRole(email: string, role: Role): Promise<User | null>;
  /** Newest first, by address. */
  search(search: UserSearch): Promise<User[]>;
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
  /** Whether the session exists, belongs to userId, is not revoked and has not expired at `now`. */
  isLive(sessionId: string, userId: string, now: Date): Promise<boolean>;
  /** The user's live sessions (not revoked, not expired at `now`), most recently used first. */
  listLive(userId: string, now: Date): Promise<Session[]>;
  /** Like revoke, but only when the session belongs to userId (so nobody ends another's session). */
  revokeOwn(sessionId: string, userId: string, at: Date, reason: string): Promise<boolean>;
  /** Revokes every live session of the user except `exceptSessionId`; returns the ids it revoked. */
  revokeAllOfUser(
    userId: string,
    at: Date,
    reason: string,
    exceptSessionId: string | null,
  ): Promise<string[]>;
  /**
   * Gives a live session of userId a new refresh token id whatever its current
   * one (after a password change the session continues on new tokens).
   */
  reissue(change: Omit<RotateRefreshToken, "fromTokenId">): Promise<RotateOutcome>;
}

/**
 * A TOTP authenticator (RFC 6238) of a user: pending from enrolment until a
 * first code confirms it. One per user.
 */
export interface TotpFactor {
  userId: string;
  /** The shared secret, encrypted (AES-256-GCM): the database alone never yields a code. */
  encryptedSecret: string;
  confirmedAt: Date | null;
  /** The 30-second step of the last code accepted: a code is accepted at most once. */
  lastUsedStep: number | null;
  createdAt: Date;
}

export interface SecondFactorRepository {
  findTotp(userId: string): Promise<TotpFactor | null>;
  /**
   * Stores a pending factor, replacing a pending one (a restarted enrolment).
   * False when the user already has a confirmed factor, which this never replaces.
   */
  savePendingTotp(userId: string, encryptedSecret: string, at: Date): Promise<boolean>;
  /**
   * Compare-and-set: the pending factor holding exactly `encryptedSecret`
   * becomes confirmed, with `step` as its last used step. False otherwise
   * (confirmed already, restarted with another secret, or gone).
   */
  confirmTotp(
    userId: string,
    change: { encryptedSecret: string; step: number; at: Date },
  ): Promise<boolean>;
  /**
   * Compare-and-set: records `step` as used on a confirmed factor whose last
   * used step is older. Of concurrent calls with one step, exactly one wins.
   */
  useTotpStep(userId: string, step: number): Promise<boolean>;
  /** Deletes the factor and every recovery code of the user; false when there was no factor. */
  removeTotp(userId: string): Promise<boolean>;
  /** Replaces every recovery code of the user with these (keyed hashes, never the codes). */
  replaceRecoveryCodes(userId: string, codeHashes: string[], at: Date): Promise<void>;
  /** Deletes the code and says whether it was there: of concurrent calls, exactly one gets true. */
  useRecoveryCode(userId: string, codeHash: string): Promise<boolean>;
  countRecoveryCodes(userId: string): Promise<number>;
}

/**
 * A passkey (WebAuthn credential) of a user. The id is the authenticator's
 * credential id, unique across every account; only the public key is kept.
 */
export interface Passkey {
  /** The credential id, base64url. */
  id: string;
  userId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The signature counter last seen; 0 for authenticators that never count. */
  counter: number;
  /** Hints for the browser on how to reach the authenticator (usb, nfc, internal, hybrid, ...). */
  transports: string[];
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface PasskeyRepository {
  /** False when the credential id is already registered (to this account or another). */
  create(passkey: Passkey): Promise<boolean>;
  findById(id: string): Promise<Passkey | null>;
  /** The user's passkeys, oldest first. */
  listOfUser(userId: string): Promise<Passkey[]>;
  /** False when the user has no passkey with that id. */
  rename(userId: string, id: string, name: string): Promise<boolean>;
  /** False when the user has no passkey with that id. */
  /**
   * Like IdentityRepository.unlink: refuses ("last_way_in") to remove the
   * account's last way in (no password, no identity, no other passkey), under
   * the same lock on the user's row, so a removal racing an unlink cannot
   * leave the account with none. False when the user has no passkey with that id.
   */
  remove(userId: string, id: string): Promise<boolean | "last_way_in">;
  /**
   * Compare-and-set: records a use, moving the counter from `fromCounter` to
   * `toCounter`. False when the counter moved meanwhile (a parallel use) or
   * the passkey is gone.
   */
  recordUse(
    id: string,
    change: { fromCounter: number; toCounter: number; at: Date },
  ): Promise<boolean>;
}

/** The outbox as a request writes it: inside the transaction of the change the notice reports. */
export interface OutboxWriter {
  /**
   * Adds a notice due now; it commits, or rolls back, with the enclosing
   * transaction. Returns its id. With `suppressed`, the entry is written
   * already dropped, for that reason (an address over its quota): the same
   * write, so the answer takes as long as if it were sent.
   */
  enqueue(request: OutboxRequest, at: Date, options?: { suppressed?: string }): Promise<string>;
}

export interface OutboxEntry {
  id: string;
  request: OutboxRequest;
  /** Delivery attempts so far, this one included (claiming counts as an attempt). */
  attempts: number;
  createdAt: Date;
  /**
   * Unique to this claim: every change to the entry names it, so a worker
   * whose lease ran out (and whose entry another worker claimed since)
   * changes nothing.
   */
  claimToken: string;
  /**
   * The key stamp a link of this entry was minted under, once one was: a
   * later attempt sends the same link while the stamp still holds, and
   * nothing once it moved on (the link was used, or a newer one issued).
   */
  mintedStamp: string | null;
}

/** What finishing an attempt names: the entry and the claim it holds. */
export type OutboxClaim = Pick<OutboxEntry, "id" | "claimToken">;

interface OutboxStats {
  /** Entries not yet sent nor given up on. */
  pending: number;
  /** Age of the oldest pending entry; 0 when there is none. */
  oldestSeconds: number;
  /** Entries given up on (kept for the operator). */
  dead: number;
}

/** The outbox as the delivery worker sees it; any number of workers may share it. */
export interface Outbox extends OutboxWriter {
  /**
   * Claims up to `limit` pending entries due at `now` (FOR UPDATE SKIP LOCKED:
   * concurrent workers never claim the same entry), counts an attempt on each
   * and hides it for `leaseSeconds`: an entry whose worker died is due again
   * once its lease runs out.
   */
  claim(now: Date, limit: number, leaseSeconds: number): Promise<OutboxEntry[]>;
  /** Records the stamp a link was minted under; false when the claim was lost (send nothing). */
  recordMint(claim: OutboxClaim, keyStamp: string): Promise<boolean>;
  markSent(claim: OutboxClaim, at: Date): Promise<void>;
  /** Nothing to send any more (the account is gone or a newer notice superseded it). */
  markDropped(claim: OutboxClaim, at: Date, why: string): Promise<void>;
  /** Due again at `dueAt`; with `refundAttempt`, this attempt does not count (it was never tried). */
  retryLater(
    claim: OutboxClaim,
    dueAt: Date,
    error: string,
    options?: { refundAttempt?: boolean },
  ): Promise<void>;
  /** Given up on: kept, with the last error, and counted as dead. */
  markDead(claim: OutboxClaim, at: Date, error: string): Promise<void>;
  stats(now: Date): Promise<OutboxStats>;
  /** Deletes entries sent or dropped before `before`; returns how many. */
  purgeFinished(before: Date): Promise<number>;
}

/**
 * An ended session's announcement: every server must refuse the session's
 * access tokens until `until`, when the last one issued before the end expires.
 */
export interface Revocation {
  sessionId: string;
  until: Date;
}

/** Announcements as a request writes them: in the transaction that ends the sessions. */
export interface RevocationLogWriter {
  /** Queues the announcements; a session queued twice keeps the later `until`. */
  record(revocations: Revocation[]): Promise<void>;
}

/**
 * Announcements not yet delivered to the key store and the revocation feed.
 * Delivery is idempotent, so any number of workers may deliver the same one;
 * no claims are needed.
 */
export interface RevocationLog extends RevocationLogWriter {
  /** Undelivered announcements still in force at `now` (until later than now), at most `limit`. */
  undelivered(now: Date, limit: number): Promise<Revocation[]>;
  /**
   * Forgets the delivered announcements (unless queued again since with a
   * later `until`) and every one no longer in force at `now`.
   */
  markDelivered(revocations: Revocation[], now: Date): Promise<void>;
}

/**
 * An identity at a provider linked to an account, keyed by (issuer, subject):
 * never by address, which a provider may let its users change.
 */
export interface Identity {
  id: string;
  userId: string;
  /** The configured provider it came through (its button's id). */
  providerId: string;
  issuer: string;
  subject: string;
  /** The address the provider gave at the last sign-in; for display only. */
  email: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type NewIdentity = Omit<Identity, "id" | "lastUsedAt">;

export interface IdentityRepository {
  find(issuer: string, subject: string): Promise<Identity | null>;
  /** The user's identities, oldest first. */
  listOfUser(userId: string): Promise<Identity[]>;
  /** False when (issuer, subject) is already linked, to this account or another (also under a race). */
  link(identity: NewIdentity): Promise<boolean>;
  /** Records a sign-in through the identity, with the address the provider gave this time. */
  recordUse(id: string, change: { at: Date; email: string | null }): Promise<void>;
  /**
   * Unlinks the user's identity unless it is the account's last way in (no
   * password, no passkey, no other identity), decided under a lock on the
   * user's row so two concurrent unlinks cannot both pass. Null when the user
   * has no such identity.
   */
  unlink(userId: string, identityId: string): Promise<Identity | "last_way_in" | null>;
}

export interface Repositories {
  users: UserRepository;
  identities: IdentityRepository;
  sessions: SessionRepository;
  secondFactors: SecondFactorRepository;
  passkeys: PasskeyRepository;
  outbox: OutboxWriter;
  revocations: RevocationLogWriter;
  audit: AuditLogWriter;
  webhooks: WebhookEndpoints;
}

export interface Database extends Omit<Repositories, "outbox" | "revocations" | "audit"> {
  outbox: Outbox;
  revocations: RevocationLog;
  audit: AuditLog;
  /** One round trip that proves the database answers (readiness). */
  ping(): Promise<void>;
  /** Runs fn in one database transaction; everything it wrote is rolled back if it throws. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
}
