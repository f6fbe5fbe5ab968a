import type { AuthDeps } from "./deps";
import { AuthError } from "./errors";
import type { User } from "./ports/database";
import type { AccessClaims } from "./tokens/token-service";

/**
 * Sensitive changes ask for the password again, so a borrowed, unlocked
 * session cannot change the password, the address or delete the account.
 */
export async function confirmPassword(
  deps: Pick<AuthDeps, "db" | "passwords">,
  caller: AccessClaims,
  password: string,
): Promise<User> {
  const user = await deps.db.users.findById(caller.userId);
  if (!user) throw new AuthError("SESSION_REVOKED");
  if (!(await deps.passwords.verify(user.passwordHash, password))) {
    throw new AuthError("INVALID_CREDENTIALS");
  }
  return user;
}
