import type { AuthDeps } from "./deps";
import type { AuthErrorReason } from "./errors";
import { type KeyPurpose, peekKnownKey, tokenMatches } from "./one-time-keys";

/**
 * Why a key that could not be taken fails: expired (still known, and still
 * matching the user's state) or invalid (used, replaced, forged or forgotten).
 */
export async function explainUnusableKey(
  deps: Pick<AuthDeps, "keys" | "db" | "secret">,
  purpose: KeyPurpose,
  key: string,
  now: Date,
  reasons: { invalid: AuthErrorReason; expired: AuthErrorReason },
): Promise<AuthErrorReason> {
  const record = await peekKnownKey(deps.keys, purpose, key);
  if (!record || record.expiresAt > now.getTime()) return reasons.invalid;
  const user = await deps.db.users.findById(record.userId);
  return user && tokenMatches(deps.secret, purpose, user, record)
    ? reasons.expired
    : reasons.invalid;
}
