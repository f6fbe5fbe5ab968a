import type { RefreshActivationKeyInput, ResendActivationInput } from "@latch/validators";
import type { AuthDeps } from "../deps";
import { AuthError, isOutage } from "../errors";
import { peekKnownKey, restoreKnownKey, takeKnownKey, tokenMatches } from "../keys/one-time-keys";
import { queueNotice } from "../notices/queue-notice";
import { withinQuota } from "../notices/quota";

export interface SentResult {
  status: "sent";
}

/**
 * Trades a (usually expired) key for a new link mailed to the account's own
 * address; the new key is never returned. Taking the old key is atomic, and
 * minting the new link renews the stamp, which kills every older key.
 */
export async function refreshActivationKey(
  deps: AuthDeps,
  input: RefreshActivationKeyInput,
): Promise<SentResult> {
  // Checked before the key is spent, so a refusal (or an outage) leaves the link working.
  const peeked = await peekKnownKey(deps.keys, "activation", input.key);
  if (!peeked) throw new AuthError("ACTIVATION_KEY_INVALID");
  const user = await deps.db.users.findById(peeked.userId);
  if (!user) throw new AuthError("ACTIVATION_KEY_INVALID");
  if (user.activatedAt) throw new AuthError("ALREADY_ACTIVE");
  if (!tokenMatches(deps.secret, "activation", user, peeked))
    throw new AuthError("ACTIVATION_KEY_INVALID");
  // The caller holds a key of this account, so saying "rate limited" reveals nothing.
  if (!(await withinQuota(deps, user.email))) throw new AuthError("RATE_LIMITED");
  const now = deps.clock.now();
  // Of two concurrent trades of one key, one gets it.
  const record = await takeKnownKey(deps.keys, "activation", input.key);
  if (!record) throw new AuthError("ACTIVATION_KEY_INVALID");
  try {
    await deps.db.outbox.enqueue({ kind: "activation", userId: user.id }, now);
  } catch (error) {
    if (isOutage(error)) {
      const window = deps.policy.activationRefreshWindowSeconds;
      await restoreKnownKey(deps.keys, "activation", input.key, record, window, now);
    }
    throw error;
  }
  deps.wakeOutbox();
  return { status: "sent" };
}

/**
 * Same answer, in the same time, for unknown, inactive and active addresses:
 * the request only queues the address; the outbox looks it up when it sends.
 */
export async function resendActivation(
  deps: AuthDeps,
  input: ResendActivationInput,
): Promise<SentResult> {
  await queueNotice(
    deps,
    { kind: "activation_or_account_exists", email: input.email },
    input.email,
  );
  return { status: "sent" };
}
