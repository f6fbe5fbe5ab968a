import type { SignupInput } from "@latch/validators";
import type { AuthDeps } from "../deps";
import { newKeyStamp } from "../keys/one-time-keys";
import { OVER_QUOTA } from "../notices/queue-notice";
import { withinQuota } from "../notices/quota";
import { screenNewPassword } from "../passwords/password-screen";
import type { Random } from "../ports/clock-and-random";
import type { Repositories } from "../ports/database";
import type { NoticeRequest } from "../ports/notices";

export interface SignupResult {
  status: "activation_required";
  email: string;
}

/**
 * Answers the same whether or not the address had an account, in the same
 * time: every request hashes the password, counts the quota and runs one
 * transaction that writes the account side and exactly one outbox entry. The
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
    const request = await writeAccount(tx, deps.random, input.email, passwordHash, notify, now);
    await tx.outbox.enqueue(request, now, notify ? {} : { suppressed: OVER_QUOTA });
  });
  deps.wakeOutbox();
  return { status: "activation_required", email: input.email };
}

/** The account side of a signup, inside its transaction; returns the notice it calls for. */
async function writeAccount(
  tx: Repositories,
  random: Random,
  email: string,
  passwordHash: string,
  notify: boolean,
  at: Date,
): Promise<NoticeRequest> {
  const created = await tx.users.create({
    email,
    passwordHash,
    keyStamp: newKeyStamp(random),
    createdAt: at,
  });
  if (created !== "email_taken") return { kind: "activation", userId: created.id };
  // The address already had an account, or a concurrent signup just committed it.
  const user = await tx.users.findByEmail(email);
  // Deleted in between: the conflicting row is gone, so the address is free again.
  if (!user) return writeAccount(tx, random, email, passwordHash, notify, at);
  if (user.activatedAt) return { kind: "account_exists", userId: user.id };
  // Over quota nothing is mailed, so nothing may change: the owner's link keeps working.
  if (!notify) return { kind: "activation", userId: user.id };
  const renewed = await tx.users.renewKeyStamp(
    user.id,
    { passwordHash, keyStamp: newKeyStamp(random) },
    "inactive",
  );
  // Activated in between: its owner is told, as for any active account.
  return { kind: renewed ? "activation" : "account_exists", userId: user.id };
}
