import type { DeleteAccountInput } from "@latch/validators";
import type { AuthDeps } from "../deps";
import { announceRevocations, recordRevocations } from "../sessions/revocation";
import type { AccessClaims } from "../tokens/token-service";
import { confirmPassword } from "./account-access";

/**
 * Deletes the user row; sessions go with it by cascade (nothing is kept or
 * anonymized). Its live sessions, listed in the same transaction, are
 * recorded as revoked there (the announcement names no account and outlives
 * the rows), then announced, so their access tokens stop working at once
 * rather than at expiry (and nothing is announced if the delete fails).
 */
export async function deleteAccount(
  deps: AuthDeps,
  caller: AccessClaims,
  input: DeleteAccountInput,
): Promise<{ status: "deleted" }> {
  const user = await confirmPassword(deps, caller, input.password);
  const now = deps.clock.now();
  const revocations = await deps.db.transaction(async (tx) => {
    const sessions = await tx.sessions.listLive(user.id, now);
    if (!(await tx.users.delete(user.id))) return [];
    // The notice names the address, not the account: it outlives the row it reports gone.
    await tx.outbox.enqueue({ kind: "account_deleted", to: user.email }, now);
    return recordRevocations(
      deps,
      tx,
      sessions.map((session) => session.id),
      now,
    );
  });
  deps.wakeOutbox();
  await announceRevocations(deps, revocations);
  return { status: "deleted" };
}
