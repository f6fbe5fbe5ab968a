import { accountDeletedEmail } from "@latch/mail";
import type { DeleteAccountInput } from "@latch/validators";
import { confirmPassword } from "./account-access";
import type { AuthDeps } from "./deps";
import { notifyBestEffort } from "./notify";
import { markSessionsRevoked } from "./revocation";
import type { AccessClaims } from "./tokens/token-service";

/**
 * Deletes the user row; sessions go with it by cascade (nothing is kept or
 * anonymized). Live sessions are announced revoked in the key store first, so
 * their access tokens stop working at once rather than at expiry.
 */
export async function deleteAccount(
  deps: AuthDeps,
  caller: AccessClaims,
  input: DeleteAccountInput,
): Promise<{ status: "deleted" }> {
  const user = await confirmPassword(deps, caller, input.password);
  const sessions = await deps.db.sessions.listLive(user.id, deps.clock.now());
  await markSessionsRevoked(
    deps.keys,
    sessions.map((session) => session.id),
    deps.policy.accessTokenTtlSeconds,
  );
  await deps.db.users.delete(user.id);
  await notifyBestEffort(
    deps,
    accountDeletedEmail({ to: user.email, signupUrl: `${deps.policy.appUrl}/signup` }),
  );
  return { status: "deleted" };
}
