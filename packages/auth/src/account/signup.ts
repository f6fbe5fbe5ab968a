import type { SignupInput } from "@latch/validators";
import type { AuthDeps } from "../deps";
import { newKeyStamp } from "../keys/one-time-keys";
import { OVER_QUOTA } from "../notices/queue-notice";
import { withinQuota } from "../notices/quota";
import { screenNewPassword } from "../passwords/password-screen";

export interface SignupResult {
  status: "activation_required";
  email: string;
}

/**
 * Answers the same whether or not the address had an account, in the same
 * time: every request hashes the password, counts the quota and runs one
 * transaction of exactly two statements, whatever the address: one that
 * writes the account side (users.signUp) and one outbox entry. The
 * answer goes out only once that transaction has committed, so a signup that
 * was answered is never lost and an account never exists without its email.
 *
 * A new address gets an inactive account and its activation link. An
 * inactive account takes the newest password and a new stamp, so only the
 * newest link works; activation then asks for that password again (or a new
 * one), so a password someone else chose never activates unconfirmed. An
 * active account is left alone and its owner is told someone tried. Over the
 * address's quota the entry is written already dropped, and nothing changes.
 */
export async function signup(deps: AuthDeps, input: SignupInput): Promise<SignupResult> {
  await screenNewPassword(deps, input.password, "password");
  const passwordHash = await deps.passwords.hash(input.password);
  const notify = await withinQuota(deps, input.email);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const outcome = await tx.users.signUp(
      { email: input.email, passwordHash, keyStamp: newKeyStamp(deps.random), createdAt: now },
      // Over quota nothing is mailed, so nothing may change: the owner's link keeps working.
      { renewInactive: notify },
    );
    const kind = outcome.status === "active" ? "account_exists" : "activation";
    await tx.outbox.enqueue(
      { kind, userId: outcome.userId },
      now,
      notify ? {} : { suppressed: OVER_QUOTA },
    );
  });
  deps.wakeOutbox();
  return { status: "activation_required", email: input.email };
}
