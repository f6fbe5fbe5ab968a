import type { ConfirmEmailChangeInput, RequestEmailChangeInput } from "@latch/validators";
import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { inspectOneTimeKey, type KeyState } from "../keys/inspect-key";
import { newKeyStamp } from "../keys/one-time-keys";
import { redeemOneTimeKey } from "../keys/redeem-key";
import { enforce } from "../limits";
import { OVER_QUOTA } from "../notices/queue-notice";
import { withinQuota } from "../notices/quota";
import type { RequestMeta } from "../sessions/sessions";
import type { AccessClaims } from "../tokens/token-service";
import { confirmPassword } from "./account-access";
import type { SentResult } from "./activation-refresh";

const reasons = {
  invalid: "EMAIL_CHANGE_KEY_INVALID",
  expired: "EMAIL_CHANGE_KEY_EXPIRED",
} as const;

/**
 * Queues a confirmation link to the new address and a notice to the current
 * one, together. The answer is the same whether or not the new address is
 * taken (a taken one simply gets no link), so this cannot probe for accounts.
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

  // The same statements whether or not the new address is taken: neither the answer nor
  // its time may say. A taken address (or one over its quota) gets an entry already dropped.
  const taken = (await deps.db.users.findByEmail(input.newEmail)) !== null;
  const withinQuotaOfNew = await withinQuota(deps, input.newEmail);
  const suppressed = taken ? "the new address is taken" : withinQuotaOfNew ? null : OVER_QUOTA;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.outbox.enqueue(
      { kind: "email_change_confirmation", userId: user.id, newEmail: input.newEmail },
      now,
      suppressed ? { suppressed } : {},
    );
    await tx.outbox.enqueue(
      {
        kind: "email_change_notice",
        to: user.email,
        newEmail: input.newEmail,
        locale: user.locale,
      },
      now,
    );
  });
  deps.wakeOutbox();
  return { status: "sent" };
}

export type EmailChangeKeyState = KeyState<{ newEmail: string }>;

/**
 * What a confirmation link would do, for its landing page, spending nothing:
 * the address it would switch to, or why it would fail. Whether that address
 * is still free is only known when the change is made.
 */
export async function inspectEmailChangeKey(
  deps: AuthDeps,
  key: string,
): Promise<EmailChangeKeyState> {
  const state = await inspectOneTimeKey(
    deps,
    { purpose: "email-change", key, reasons },
    (_user, record) => ({ newEmail: record.data }),
  );
  if (state.status === "unusable") return state;
  return state.newEmail
    ? { status: "usable", newEmail: state.newEmail }
    : { status: "unusable", reason: "EMAIL_CHANGE_KEY_INVALID" };
}

/** Switches the address by compare-and-set, once, if the new one is still free. */
export async function confirmEmailChange(
  deps: AuthDeps,
  input: ConfirmEmailChangeInput,
  meta?: RequestMeta,
): Promise<{ status: "email_changed"; email: string }> {
  const now = deps.clock.now();
  return redeemOneTimeKey(
    deps,
    { purpose: "email-change", key: input.key, reasons, now },
    async (tx, user, record) => {
      if (!record.data) throw new AuthError("EMAIL_CHANGE_KEY_INVALID");
      const changed = await tx.users.changeEmail(user.id, {
        fromEmail: user.email,
        toEmail: record.data,
        keyStamp: newKeyStamp(deps.random),
      });
      if (changed === "email_taken") throw new AuthError("EMAIL_UNAVAILABLE");
      if (!changed) throw new AuthError("EMAIL_CHANGE_KEY_INVALID");
      // The addresses stay out of the trail, which outlives the account; the webhook carries the new one.
      await recordEvent(tx, {
        type: "email.changed",
        userId: user.id,
        meta,
        at: now,
        webhook: { type: "email.changed", data: { userId: user.id, email: changed.email } },
      });
      return { status: "email_changed" as const, email: changed.email };
    },
  );
}
