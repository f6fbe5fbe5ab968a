import type { DeleteAccountInput } from "@latch/validators";
import { confirmPassword } from "./account-access";
import type { AuthDeps } from "./deps";
import { announceSessionsRevoked } from "./revocation";
import type { AccessClaims } from "./tokens/token-service";

/**
 * Deletes the user row; sessions go with it by cascade (nothing is kept or
 * anonymized). Its live sessions, listed before the delete, are then
 * announced revoked in the key store, so their access tokens stop working at
 * once rather than at expiry (and nothing is marked if the delete fails).
 */
export async function deleteAccount(
  deps: AuthDeps,
  caller: AccessClaims,
  input: DeleteAccountInput,
): Promise<{ status: "deleted" }> {
  const user = await confirmPassword(deps, caller, input.password);
  const now = deps.clock.now();
  const sessions = await deps.db.sessions.listLive(user.id, now);
  await deps.db.transaction(async (tx) => {
    // The notice names the address, not the account: it outlives the row it reports gone.
    if (await tx.users.delete(user.id)) {
      await tx.outbox.enqueue({ kind: "account_deleted", to: user.email }, now);
    }
  });
  deps.wakeOutbox();
  await announceSessionsRevoked(
    deps,
    sessions.map((session) => session.id),
  );
  return { status: "deleted" };
}
