import type { SignupInput } from "@latch/validators";
import type { User } from "./database";
import type { AuthDeps } from "./deps";
import { sendAccountExists, sendActivation } from "./notify";
import { newKeyStamp } from "./one-time-keys";

export interface SignupResult {
  status: "activation_required";
  email: string;
}

/**
 * Answers the same whether or not the address had an account, and costs the
 * same (the password is always hashed), so signup cannot enumerate users.
 * A repeated signup of an inactive account takes the newest password and
 * renews the activation stamp, so only the newest link works and it
 * activates the password the person last chose.
 */
export async function signup(deps: AuthDeps, input: SignupInput): Promise<SignupResult> {
  const passwordHash = await deps.passwords.hash(input.password);
  const existing = await deps.db.users.findByEmail(input.email);
  const created = existing
    ? "email_taken"
    : await deps.db.users.create({
        email: input.email,
        passwordHash,
        keyStamp: newKeyStamp(deps.random),
        createdAt: deps.clock.now(),
      });

  if (created !== "email_taken") {
    await sendActivation(deps, created, null);
  } else {
    // The address already had an account, or a concurrent signup just created it.
    const user = existing ?? (await deps.db.users.findByEmail(input.email));
    if (user) await notifyExisting(deps, user, passwordHash);
  }
  return { status: "activation_required", email: input.email };
}

async function notifyExisting(deps: AuthDeps, user: User, passwordHash: string): Promise<void> {
  const outcome = user.activatedAt
    ? "already_active"
    : await sendActivation(deps, user, { passwordHash });
  if (outcome === "already_active") await sendAccountExists(deps, user);
}
