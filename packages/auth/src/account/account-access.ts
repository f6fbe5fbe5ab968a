import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { enforce, refund } from "../limits";
import type { User } from "../ports/database";
import type { AccessClaims } from "../tokens/token-service";

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
  // An account without a password sets one through the reset flow first (README, providers).
  if (!user.passwordHash) throw new AuthError("PASSWORD_NOT_SET");
  if (!(await deps.passwords.verify(user.passwordHash, password))) {
    throw new AuthError("INVALID_CREDENTIALS");
  }
  return user;
}

/**
 * confirmPassword under a per-account limit, counted first (so parallel
 * guesses cannot slip past it) and given back when the password was right:
 * a stolen session cannot guess its way to changing the second factor.
 */
export async function recheckPassword(
  deps: Pick<AuthDeps, "db" | "passwords" | "limiter" | "log" | "policy">,
  caller: AccessClaims,
  password: string,
): Promise<User> {
  const rule = deps.policy.limits.passwordRechecksPerAccount;
  await enforce(deps, rule, caller.userId);
  const user = await confirmPassword(deps, caller, password);
  await refund(deps, [rule], caller.userId);
  return user;
}
