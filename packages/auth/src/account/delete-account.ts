import type { DeleteAccountInput } from "@latch/validators";
import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { announceRevocations, recordRevocations } from "../sessions/revocation";
import type { RequestMeta } from "../sessions/sessions";
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
  meta?: RequestMeta,
): Promise<{ status: "deleted" }> {
  const user = await confirmPassword(deps, caller, input.password);
  const now = deps.clock.now();
  const revocations = await deps.db.transaction(async (tx) => {
    const sessions = await tx.sessions.listLive(user.id, now);
    if (!(await tx.users.delete(user.id))) return [];
    // The notice names the address, not the account: it outlives the row it reports gone.
    await tx.outbox.enqueue({ kind: "account_deleted", to: user.email, locale: user.locale }, now);
    // Kept after the account (the trail has no foreign key): what an operator sees of it.
    await recordEvent(tx, {
      type: "account.deleted",
      userId: user.id,
      meta,
      at: now,
      detail: { sessionsEnded: String(sessions.length) },
      webhook: { type: "user.deleted", data: { userId: user.id } },
    });
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
