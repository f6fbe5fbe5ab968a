import type { SignupInput } from "@latch/validators";
import type { AuthDeps } from "./deps";
import { withinQuota } from "./notices/quota";
import { newKeyStamp } from "./one-time-keys";
import { screenNewPassword } from "./password-screen";
import type { NoticeRequest } from "./ports/notices";

export interface SignupResult {
  status: "activation_required";
  email: string;
}

/**
 * Answers the same whether or not the address had an account, in the same
 * time: the request hashes the password, counts the quota and queues the
 * signup, one outbox entry, whatever the address. The outbox creates the
 * account (registerSignup) and mails it, durably: a signup that was answered
 * is never lost, and an account never exists without its email queued. A
 * repeated signup of an inactive account takes the newest password and renews
 * the stamp, so only the newest link works; activation then asks for that
 * password again (or a new one), so a password someone else chose never
 * activates unconfirmed. An active account's owner is told someone tried.
 */
export async function signup(deps: AuthDeps, input: SignupInput): Promise<SignupResult> {
  await screenNewPassword(deps, input.password, "password");
  const passwordHash = await deps.passwords.hash(input.password);
  const notify = await withinQuota(deps, input.email);
  await deps.db.outbox.enqueue(
    { kind: "signup", email: input.email, passwordHash, notify },
    deps.clock.now(),
  );
  deps.wakeOutbox();
  return { status: "activation_required", email: input.email };
}

/**
 * The account side of a queued signup, run by the outbox before it mails
 * anything: creates the inactive account, or gives an inactive one the newest
 * password and a new stamp (killing its older links). An active account is
 * left alone. Safe to run again for the same entry.
 */
export async function registerSignup(
  deps: Pick<AuthDeps, "db" | "random" | "clock">,
  request: Extract<NoticeRequest, { kind: "signup" }>,
  at: Date,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const created = await tx.users.create({
      email: request.email,
      passwordHash: request.passwordHash,
      keyStamp: newKeyStamp(deps.random),
      createdAt: at,
    });
    if (created !== "email_taken") return;
    // The address already had an account, or a concurrent signup just created it.
    const user = await tx.users.findByEmail(request.email);
    // Over quota nothing is mailed, so nothing may change: the owner's link keeps working.
    if (!user || user.activatedAt || !request.notify) return;
    await tx.users.renewKeyStamp(
      user.id,
      { passwordHash: request.passwordHash, keyStamp: newKeyStamp(deps.random) },
      "inactive",
    );
  });
}
