import type { SignupInput } from "@latch/validators";
import type { AuthDeps } from "./deps";
import { OVER_QUOTA } from "./notices/queue-notice";
import { withinQuota } from "./notices/quota";
import { newKeyStamp } from "./one-time-keys";
import { screenNewPassword } from "./password-screen";
import type { NoticeRequest } from "./ports/notices";

export interface SignupResult {
  status: "activation_required";
  email: string;
}

/**
 * Answers the same whether or not the address had an account, and in about
 * the same time: the password is always hashed, and either way one short
 * transaction writes the account change and its notice together (the
 * outbox sends it; nobody waits on the email provider). A repeated signup of
 * an inactive account takes the newest password and renews the stamp, so
 * only the newest link works; activation then asks for that password again
 * (or a new one), so a password someone else chose never activates
 * unconfirmed. An active account's owner is told someone tried.
 */
export async function signup(deps: AuthDeps, input: SignupInput): Promise<SignupResult> {
  await screenNewPassword(deps, input.password, "password");
  const passwordHash = await deps.passwords.hash(input.password);
  const now = deps.clock.now();
  const quotaLeft = await withinQuota(deps, input.email);
  await deps.db.transaction(async (tx) => {
    const created = await tx.users.create({
      email: input.email,
      passwordHash,
      keyStamp: newKeyStamp(deps.random),
      createdAt: now,
    });
    // Every path runs the same four statements (insert, select, update, insert), so the
    // answer's time does not say which one it took. The address already had an account,
    // or a concurrent signup just created it, when the insert found it taken.
    const user = await tx.users.findByEmail(input.email);
    const isNew = created !== "email_taken";
    const retake = !isNew && user !== null && !user.activatedAt && quotaLeft;
    // A new account, an active one and one over quota keep their stamp: the update is a no-op.
    const renewed = user
      ? await tx.users.renewKeyStamp(
          user.id,
          retake
            ? { passwordHash, keyStamp: newKeyStamp(deps.random) }
            : { keyStamp: user.keyStamp ?? newKeyStamp(deps.random) },
          "inactive",
        )
      : null;
    let notice: NoticeRequest | null = null;
    if (isNew) notice = { kind: "activation", userId: created.id };
    else if (user?.activatedAt) notice = { kind: "account_exists", userId: user.id };
    else if (retake && renewed) notice = { kind: "activation", userId: renewed.id };
    // Over quota the account change stands (a new account needs its row), the email does not;
    // the entry is written anyway, already dropped, so the answer takes as long.
    await tx.outbox.enqueue(
      notice ?? { kind: "activation_or_account_exists", email: input.email },
      now,
      notice && quotaLeft ? {} : { suppressed: quotaLeft ? "nothing to send" : OVER_QUOTA },
    );
  });
  // Woken whatever was queued: what the server does next must not differ either.
  deps.wakeOutbox();
  return { status: "activation_required", email: input.email };
}
