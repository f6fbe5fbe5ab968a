import type { RefreshActivationKeyInput, ResendActivationInput } from "@latch/validators";
import type { AuthDeps } from "./deps";
import { AuthError } from "./errors";
import { sendAccountExists, sendActivation } from "./notify";
import { takeKnownKey, tokenMatches } from "./one-time-keys";

export interface SentResult {
  status: "sent";
}

/**
 * Trades a (usually expired) key for a new link mailed to the account's own
 * address; the new key is never returned. Taking the old key is atomic and
 * the stamp renewal kills every older key of the user.
 */
export async function refreshActivationKey(
  deps: AuthDeps,
  input: RefreshActivationKeyInput,
): Promise<SentResult> {
  const record = await takeKnownKey(deps.keys, "activation", input.key);
  if (!record) throw new AuthError("ACTIVATION_KEY_INVALID");
  const user = await deps.db.users.findById(record.userId);
  if (!user) throw new AuthError("ACTIVATION_KEY_INVALID");
  if (user.activatedAt) throw new AuthError("ALREADY_ACTIVE");
  if (!tokenMatches(deps.secret, "activation", user, record))
    throw new AuthError("ACTIVATION_KEY_INVALID");

  const outcome = await sendActivation(deps, user, {});
  if (outcome === "already_active") throw new AuthError("ALREADY_ACTIVE");
  // The caller holds a key of this account, so saying "rate limited" reveals nothing.
  if (outcome === "over_quota") throw new AuthError("RATE_LIMITED");
  return { status: "sent" };
}

/**
 * Same answer, in the same time, for unknown, inactive and active addresses:
 * the lookup and the email happen after the response.
 */
export async function resendActivation(
  deps: AuthDeps,
  input: ResendActivationInput,
): Promise<SentResult> {
  deps.defer(async () => {
    const user = await deps.db.users.findByEmail(input.email);
    if (!user) return;
    const outcome = user.activatedAt ? "already_active" : await sendActivation(deps, user, {});
    if (outcome === "already_active") await sendAccountExists(deps, user);
  });
  return { status: "sent" };
}
