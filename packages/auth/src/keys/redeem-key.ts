import { recordedTransaction } from "../audit/recorded-transaction";
import type { AuthDeps } from "../deps";
import { AuthError, isOutage } from "../errors";
import type { Repositories, User } from "../ports/database";
import { explainUnusableKey, type KeyReasons } from "./key-explanations";
import {
  type KeyPurpose,
  type KeyRecord,
  restoreUsableKey,
  takeUsableKey,
  tokenMatches,
} from "./one-time-keys";

/**
 * Redeems a one-time key (activation, password reset, email change) once:
 * takes it atomically, so of two concurrent callers one gets it, then runs
 * `use` in one transaction with the user the key was issued to, checked
 * against that user's state now. When the database fails rather than the
 * key, the key goes back, so the link still works on retry.
 */
export async function redeemOneTimeKey<T>(
  deps: Pick<AuthDeps, "keys" | "db" | "secret" | "wakeOutbox">,
  redemption: { purpose: KeyPurpose; key: string; reasons: KeyReasons; now: Date },
  use: (tx: Repositories, user: User, record: KeyRecord) => Promise<T>,
): Promise<T> {
  const { purpose, key, reasons, now } = redemption;
  const record = await takeUsableKey(deps.keys, purpose, key);
  if (!record || record.expiresAt <= now.getTime()) {
    throw new AuthError(await explainUnusableKey(deps, purpose, key, now, reasons));
  }
  try {
    return await recordedTransaction(deps, async (tx) => {
      const user = await tx.users.findById(record.userId);
      const done = user && reasons.alreadyDone?.(user);
      if (done) throw new AuthError(done);
      if (!user || !tokenMatches(deps.secret, purpose, user, record)) {
        throw new AuthError(reasons.invalid);
      }
      return use(tx, user, record);
    });
  } catch (error) {
    if (isOutage(error)) await restoreUsableKey(deps.keys, purpose, key, record, now);
    throw error;
  }
}
