import type { ActivateInput } from "@latch/validators";
import type { AuthDeps } from "./deps";
import { AuthError, isAuthError } from "./errors";
import { peekKnownKey, restoreUsableKey, takeUsableKey, tokenMatches } from "./one-time-keys";
import { type RequestMeta, type SignedIn, startSession } from "./sessions";

/**
 * Consumes the key (one atomic key-store call), then in one transaction
 * checks the token against the user's current state, flips the user active
 * (compare-and-set) and opens a session: two concurrent calls, one success.
 */
export async function activate(
  deps: AuthDeps,
  input: ActivateInput,
  meta: RequestMeta,
): Promise<SignedIn> {
  const now = deps.clock.now();
  const record = await takeUsableKey(deps.keys, "activation", input.key);
  if (!record || record.expiresAt <= now.getTime()) {
    throw new AuthError(await explainUnusableKey(deps, input.key, now));
  }

  try {
    return await deps.db.transaction(async (tx) => {
      const user = await tx.users.findById(record.userId);
      if (!user) throw new AuthError("ACTIVATION_KEY_INVALID");
      if (user.activatedAt) throw new AuthError("ALREADY_ACTIVE");
      if (!tokenMatches(deps.secret, "activation", user, record))
        throw new AuthError("ACTIVATION_KEY_INVALID");
      if (!(await tx.users.activate(user.id, now))) throw new AuthError("ALREADY_ACTIVE");
      return startSession(deps, tx, { ...user, activatedAt: now }, meta, now);
    });
  } catch (error) {
    // The database failed, not the key: put the key back so the link still works on retry.
    if (!isAuthError(error))
      await restoreUsableKey(deps.keys, "activation", input.key, record, now);
    throw error;
  }
}

/** Tells an expired key (refreshable) from a used, replaced or unknown one. */
async function explainUnusableKey(deps: AuthDeps, key: string, now: Date) {
  const record = await peekKnownKey(deps.keys, "activation", key);
  if (!record) return "ACTIVATION_KEY_INVALID";
  const user = await deps.db.users.findById(record.userId);
  if (!user) return "ACTIVATION_KEY_INVALID";
  if (user.activatedAt) return "ALREADY_ACTIVE";
  const expired = record.expiresAt <= now.getTime();
  return expired && tokenMatches(deps.secret, "activation", user, record)
    ? "ACTIVATION_KEY_EXPIRED"
    : "ACTIVATION_KEY_INVALID";
}
