import { emailChangeConfirmEmail, emailChangeNoticeEmail } from "@latch/mail";
import type { ConfirmEmailChangeInput, RequestEmailChangeInput } from "@latch/validators";
import { confirmPassword } from "./account-access";
import type { SentResult } from "./activation-refresh";
import type { AuthDeps } from "./deps";
import { AuthError, isOutage } from "./errors";
import { explainUnusableKey } from "./key-explanations";
import { enforce } from "./limits";
import { deliver, notifyBestEffort, withinQuota } from "./notify";
import {
  newKeyStamp,
  restoreUsableKey,
  storeOneTimeKey,
  takeUsableKey,
  tokenMatches,
} from "./one-time-keys";
import type { AccessClaims } from "./tokens/token-service";

const KNOWN_FOR_SECONDS = 24 * 3600;
const reasons = {
  invalid: "EMAIL_CHANGE_KEY_INVALID",
  expired: "EMAIL_CHANGE_KEY_EXPIRED",
} as const;

/**
 * Mails a confirmation link to the new address and a notice to the current
 * one. The answer is the same whether or not the new address is taken (a
 * taken one simply gets no link), so this cannot probe for accounts.
 */
export async function requestEmailChange(
  deps: AuthDeps,
  caller: AccessClaims,
  input: RequestEmailChangeInput,
): Promise<SentResult> {
  // Counted before the password check: each try costs a hash and may send an email.
  await enforce(deps, deps.policy.limits.emailChangesPerAccount, caller.userId);
  const user = await confirmPassword(deps, caller, input.password);
  if (input.newEmail === user.email) throw new AuthError("EMAIL_UNCHANGED");

  const taken = (await deps.db.users.findByEmail(input.newEmail)) !== null;
  if (!taken && (await withinQuota(deps, input.newEmail))) {
    const renewed = await deps.db.users.renewKeyStamp(
      user.id,
      { keyStamp: newKeyStamp(deps.random) },
      "active",
    );
    if (!renewed) throw new AuthError("SESSION_REVOKED");
    const ttlSeconds = deps.policy.emailChangeTtlSeconds;
    const key = await storeOneTimeKey(
      deps,
      "email-change",
      renewed,
      { ttlSeconds, knownForSeconds: KNOWN_FOR_SECONDS },
      input.newEmail,
    );
    await deliver(
      deps,
      emailChangeConfirmEmail({
        to: input.newEmail,
        link: `${deps.policy.appUrl}/confirm-email/${key}`,
        expiresInMinutes: Math.round(ttlSeconds / 60),
      }),
    );
  }
  await notifyBestEffort(
    deps,
    emailChangeNoticeEmail({
      to: user.email,
      newEmail: input.newEmail,
      forgotPasswordUrl: `${deps.policy.appUrl}/forgot-password`,
    }),
  );
  return { status: "sent" };
}

/** Switches the address by compare-and-set, once, if the new one is still free. */
export async function confirmEmailChange(
  deps: AuthDeps,
  input: ConfirmEmailChangeInput,
): Promise<{ status: "email_changed"; email: string }> {
  const now = deps.clock.now();
  const record = await takeUsableKey(deps.keys, "email-change", input.key);
  if (!record || record.expiresAt <= now.getTime() || !record.data) {
    throw new AuthError(await explainUnusableKey(deps, "email-change", input.key, now, reasons));
  }
  const toEmail = record.data;

  try {
    return await deps.db.transaction(async (tx) => {
      const user = await tx.users.findById(record.userId);
      if (!user || !tokenMatches(deps.secret, "email-change", user, record)) {
        throw new AuthError("EMAIL_CHANGE_KEY_INVALID");
      }
      const changed = await tx.users.changeEmail(user.id, {
        fromEmail: user.email,
        toEmail,
        keyStamp: newKeyStamp(deps.random),
      });
      if (changed === "email_taken") throw new AuthError("EMAIL_UNAVAILABLE");
      if (!changed) throw new AuthError("EMAIL_CHANGE_KEY_INVALID");
      return { status: "email_changed" as const, email: changed.email };
    });
  } catch (error) {
    if (isOutage(error)) {
      await restoreUsableKey(deps.keys, "email-change", input.key, record, now);
    }
    throw error;
  }
}
