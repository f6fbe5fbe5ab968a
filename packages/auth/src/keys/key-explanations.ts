import type { AuthDeps } from "../deps";
import type { AuthErrorReason } from "../errors";
import type { User } from "../ports/database";
import { type KeyPurpose, peekKnownKey, tokenMatches } from "./one-time-keys";

/** The reasons a purpose's key fails with. */
export interface KeyReasons {
  invalid: AuthErrorReason;
  expired: AuthErrorReason;
  /** A reason that outranks expiry for this user's state, or null. */
  alreadyDone?: (user: User) => AuthErrorReason | null;
}

/**
 * Why a key that could not be taken fails: expired (still known, and still
 * matching the user's state), done already (e.g. the account is active), or
 * invalid (used, replaced, forged or forgotten).
 */
export async function explainUnusableKey(
  deps: Pick<AuthDeps, "keys" | "db" | "secret">,
  purpose: KeyPurpose,
  key: string,
  now: Date,
  reasons: KeyReasons,
): Promise<AuthErrorReason> {
  const record = await peekKnownKey(deps.keys, purpose, key);
  if (!record) return reasons.invalid;
  const user = await deps.db.users.findById(record.userId);
  if (!user) return reasons.invalid;
  const done = reasons.alreadyDone?.(user);
  if (done) return done;
  const expired = record.expiresAt <= now.getTime();
  return expired && tokenMatches(deps.secret, purpose, user, record)
    ? reasons.expired
    : reasons.invalid;
}
