import type { RequestPasswordResetInput, ResetPasswordInput } from "@latch/validators";
import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { inspectOneTimeKey, type KeyState } from "../keys/inspect-key";
import { newKeyStamp } from "../keys/one-time-keys";
import { redeemOneTimeKey } from "../keys/redeem-key";
import { queueNotice } from "../notices/queue-notice";
import { screenNewPassword } from "../passwords/password-screen";
import { announceRevocations, recordRevocations } from "../sessions/revocation";
import type { RequestMeta } from "../sessions/sessions";
import type { SentResult } from "./activation-refresh";

const reasons = { invalid: "RESET_KEY_INVALID", expired: "RESET_KEY_EXPIRED" } as const;

/**
 * Same answer, in the same time, for every address: the request only queues
 * the address. When the outbox sends, an active account gets a reset link
 * (minting it renews the stamp, killing older ones); an inactive one gets
 * its activation email instead, since its owner has not proven the address.
 */
export async function requestPasswordReset(
  deps: AuthDeps,
  input: RequestPasswordResetInput,
): Promise<SentResult> {
  await queueNotice(deps, { kind: "password_reset", email: input.email }, input.email);
  return { status: "sent" };
}

export type ResetKeyState = KeyState<{ email: string }>;

/**
 * What a reset link would do, for its landing page, spending nothing: the
 * account's address (the username a password manager saves the new password
 * under), or why it would fail, so a used or expired link says so at once.
 */
export function inspectResetKey(deps: AuthDeps, key: string): Promise<ResetKeyState> {
  return inspectOneTimeKey(deps, { purpose: "password-reset", key, reasons }, (user) => ({
    email: user.email,
  }));
}

/**
 * Redeems the key once, then in one transaction sets the password with a new
 * key stamp (killing every other reset and activation key), revokes every
 * session of the user and queues the "password changed" notice.
 */
export async function resetPassword(
  deps: AuthDeps,
  input: ResetPasswordInput,
  meta?: RequestMeta,
): Promise<{ status: "password_reset" }> {
  // Before the key is taken, so a refused password leaves the link usable.
  await screenNewPassword(deps, input.password, "password");
  // Hashing first keeps the key out of the store for as short a time as possible.
  const passwordHash = await deps.passwords.hash(input.password);
  const now = deps.clock.now();
  const revocations = await redeemOneTimeKey(
    deps,
    { purpose: "password-reset", key: input.key, reasons, now },
    async (tx, user) => {
      const updated = await tx.users.setPassword(user.id, {
        passwordHash,
        keyStamp: newKeyStamp(deps.random),
      });
      if (!updated) throw new AuthError("RESET_KEY_INVALID");
      await tx.outbox.enqueue(
        { kind: "password_changed", to: updated.email, locale: updated.locale },
        now,
      );
      const revoked = await tx.sessions.revokeAllOfUser(user.id, now, "password_reset", null);
      await recordEvent(tx, {
        type: "password.reset",
        userId: user.id,
        meta,
        at: now,
        detail: { sessionsEnded: String(revoked.length) },
        webhook: { type: "password.changed", data: { userId: user.id } },
      });
      return recordRevocations(deps, tx, revoked, now);
    },
  );
  deps.wakeOutbox();
  await announceRevocations(deps, revocations);
  return { status: "password_reset" };
}
