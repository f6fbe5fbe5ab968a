import type { SignupInput } from "@latch/validators";
import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { newKeyStamp } from "../keys/one-time-keys";
import { OVER_QUOTA } from "../notices/queue-notice";
import { withinQuota } from "../notices/quota";
import { screenNewPassword } from "../passwords/password-screen";
import { DEFAULT_LOCALE } from "../ports/notices";
import type { RequestMeta } from "../sessions/sessions";

export interface SignupResult {
  status: "activation_required";
  email: string;
}

/**
 * Answers the same whether or not the address had an account, in the same
 * time: every request hashes the password, counts the quota and runs one
 * transaction of exactly three statements, whatever the address: one that
 * writes the account side (users.signUp), one outbox entry and the
 * user.signed_up event (which announces user.created only for a new account). The
 * answer goes out only once that transaction has committed, so a signup that
 * was answered is never lost and an account never exists without its email.
 *
 * A new address gets an inactive account and its activation link. An
 * inactive account takes the newest password and a new stamp, so only the
 * newest link works; activation then asks for that password again (or a new
 * one), so a password someone else chose never activates unconfirmed. An
 * active account is left alone and its owner is told someone tried. Over the
 * address's quota the entry is written already dropped, and nothing changes.
 * A new account takes the request's language (meta.locale) for its emails.
 */
export async function signup(
  deps: AuthDeps,
  input: SignupInput,
  meta?: RequestMeta,
): Promise<SignupResult> {
  await screenNewPassword(deps, input.password, "password");
  const passwordHash = await deps.passwords.hash(input.password);
  const notify = await withinQuota(deps, input.email);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const outcome = await tx.users.signUp(
      {
        email: input.email,
        passwordHash,
        keyStamp: newKeyStamp(deps.random),
        createdAt: now,
        // A new account's emails speak the signup's language; an existing one keeps its own.
        locale: meta?.locale ?? DEFAULT_LOCALE,
      },
      // Over quota nothing is mailed, so nothing may change: the owner's link keeps working.
      { renewInactive: notify },
    );
    const kind = outcome.status === "active" ? "account_exists" : "activation";
    await tx.outbox.enqueue(
      { kind, userId: outcome.userId },
      now,
      notify ? {} : { suppressed: OVER_QUOTA },
    );
    const { status, userId } = outcome;
    await recordEvent(tx, {
      type: "user.signed_up",
      userId,
      meta,
      at: now,
      detail: { outcome: status },
      ...(status === "created"
        ? { webhook: { type: "user.created", data: { userId, email: input.email } } }
        : {}),
    });
  });
  deps.wakeOutbox();
  return { status: "activation_required", email: input.email };
}
