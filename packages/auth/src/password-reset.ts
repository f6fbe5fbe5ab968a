import { passwordChangedEmail, passwordResetEmail } from "@latch/mail";
import type { RequestPasswordResetInput, ResetPasswordInput } from "@latch/validators";
import type { SentResult } from "./activation-refresh";
import type { AuthDeps } from "./deps";
import { AuthError, isOutage } from "./errors";
import { explainUnusableKey } from "./key-explanations";
import { deliver, notifyBestEffort, sendActivation, withinQuota } from "./notify";
import {
  newKeyStamp,
  restoreUsableKey,
  storeOneTimeKey,
  takeUsableKey,
  tokenMatches,
} from "./one-time-keys";
import { screenNewPassword } from "./password-screen";
import { markSessionsRevoked } from "./revocation";

/** How long after expiry a reset link still reads as "expired" rather than "invalid". */
const KNOWN_FOR_SECONDS = 24 * 3600;
const reasons = { invalid: "RESET_KEY_INVALID", expired: "RESET_KEY_EXPIRED" } as const;

/**
 * Same answer, in the same time, for every address: the work happens after
 * the response. An active account gets a reset link (a new key stamp kills
 * older ones); an inactive one gets its activation email instead, since its
 * owner has not proven the address yet.
 */
export async function requestPasswordReset(
  deps: AuthDeps,
  input: RequestPasswordResetInput,
): Promise<SentResult> {
  deps.defer(() => sendPasswordReset(deps, input.email));
  return { status: "sent" };
}

async function sendPasswordReset(deps: AuthDeps, email: string): Promise<void> {
  const user = await deps.db.users.findByEmail(email);
  if (!user) return;
  if (!user.activatedAt) {
    await sendActivation(deps, user, {});
    return;
  }
  if (!(await withinQuota(deps, user.email))) return;
  const renewed = await deps.db.users.renewKeyStamp(
    user.id,
    { keyStamp: newKeyStamp(deps.random) },
    "active",
  );
  if (!renewed) return;
  const ttlSeconds = deps.policy.passwordResetTtlSeconds;
  const key = await storeOneTimeKey(deps, "password-reset", renewed, {
    ttlSeconds,
    knownForSeconds: KNOWN_FOR_SECONDS,
  });
  await deliver(
    deps,
    passwordResetEmail({
      to: renewed.email,
      link: `${deps.policy.appUrl}/reset-password/${key}`,
      expiresInMinutes: Math.round(ttlSeconds / 60),
    }),
  );
}

/**
 * Takes the key atomically (two resets with one key: one wins), then in one
 * transaction sets the password with a new key stamp (killing every other
 * reset and activation key) and revokes every session of the user.
 */
export async function resetPassword(
  deps: AuthDeps,
  input: ResetPasswordInput,
): Promise<{ status: "password_reset" }> {
  // Before the key is taken, so a refused password leaves the link usable.
  await screenNewPassword(deps, input.password, "password");
  // Hashing first keeps the key out of the store for as short a time as possible.
  const passwordHash = await deps.passwords.hash(input.password);
  const now = deps.clock.now();
  const record = await takeUsableKey(deps.keys, "password-reset", input.key);
  if (!record || record.expiresAt <= now.getTime()) {
    throw new AuthError(await explainUnusableKey(deps, "password-reset", input.key, now, reasons));
  }

  let result: { email: string; revoked: string[] };
  try {
    result = await deps.db.transaction(async (tx) => {
      const user = await tx.users.findById(record.userId);
      if (!user || !tokenMatches(deps.secret, "password-reset", user, record)) {
        throw new AuthError("RESET_KEY_INVALID");
      }
      const updated = await tx.users.setPassword(user.id, {
        passwordHash,
        keyStamp: newKeyStamp(deps.random),
      });
      if (!updated) throw new AuthError("RESET_KEY_INVALID");
      const revoked = await tx.sessions.revokeAllOfUser(user.id, now, "password_reset", null);
      return { email: updated.email, revoked };
    });
  } catch (error) {
    if (isOutage(error)) {
      await restoreUsableKey(deps.keys, "password-reset", input.key, record, now);
    }
    throw error;
  }

  await markSessionsRevoked(deps.keys, result.revoked, deps.policy.accessTokenTtlSeconds);
  await notifyBestEffort(
    deps,
    passwordChangedEmail({
      to: result.email,
      forgotPasswordUrl: `${deps.policy.appUrl}/forgot-password`,
    }),
  );
  return { status: "password_reset" };
}
