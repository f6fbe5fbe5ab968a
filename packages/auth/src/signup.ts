import type { SignupInput } from "@latch/validators";
import type { User } from "./database";
import type { AuthDeps } from "./deps";
import { sendAccountExists, sendActivation } from "./notify";
import { newKeyStamp } from "./one-time-keys";
import { screenNewPassword } from "./password-screen";

export interface SignupResult {
  status: "activation_required";
  email: string;
}

/**
 * Answers the same whether or not the address had an account, and in the
 * same time: the password is always hashed before the answer, and everything
 * that depends on the address (the lookup, the insert, the email) happens
 * after it. A repeated signup of an inactive account takes the newest
 * password and renews the activation stamp, so only the newest link works;
 * activation then asks for that password again (or a new one), so a
 * password someone else chose never activates unconfirmed.
 */
export async function signup(deps: AuthDeps, input: SignupInput): Promise<SignupResult> {
  await screenNewPassword(deps, input.password, "password");
  const passwordHash = await deps.passwords.hash(input.password);
  deps.defer(() => registerOrNotify(deps, input.email, passwordHash));
  return { status: "activation_required", email: input.email };
}

async function registerOrNotify(deps: AuthDeps, email: string, passwordHash: string) {
  const existing = await deps.db.users.findByEmail(email);
  const created = existing
    ? "email_taken"
    : await deps.db.users.create({
        email,
        passwordHash,
        keyStamp: newKeyStamp(deps.random),
        createdAt: deps.clock.now(),
      });

  if (created !== "email_taken") {
    await sendActivation(deps, created, null);
    return;
  }
  // The address already had an account, or a concurrent signup just created it.
  const user = existing ?? (await deps.db.users.findByEmail(email));
  if (user) await notifyExisting(deps, user, passwordHash);
}

async function notifyExisting(deps: AuthDeps, user: User, passwordHash: string): Promise<void> {
  const outcome = user.activatedAt
    ? "already_active"
    : await sendActivation(deps, user, { passwordHash });
  if (outcome === "already_active") await sendAccountExists(deps, user);
}
