import type { ActivateInput } from "@latch/validators";
import type { AuthDeps } from "./deps";
import { AuthError, isAuthError } from "./errors";
import { explainUnusableKey } from "./key-explanations";
import { restoreUsableKey, takeUsableKey, tokenMatches } from "./one-time-keys";
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
    throw new AuthError(
      await explainUnusableKey(deps, "activation", input.key, now, {
        invalid: "ACTIVATION_KEY_INVALID",
        expired: "ACTIVATION_KEY_EXPIRED",
        // A used link of an activated account says so, so the person knows to log in.
        alreadyDone: (user) => (user.activatedAt ? "ALREADY_ACTIVE" : null),
      }),
    );
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
