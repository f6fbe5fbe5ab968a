import type { AuthDeps } from "../deps";
import type { Repositories } from "../ports/database";

/**
 * deps.db.transaction, counting the webhook deliveries its events queue: once
 * it commits with any, the outbox worker is woken so they leave at once (and
 * not when none were queued, or the transaction rolled back).
 */
export async function recordedTransaction<T>(
  deps: Pick<AuthDeps, "db" | "wakeOutbox">,
  fn: (tx: Repositories) => Promise<T>,
): Promise<T> {
  let queued = 0;
  const result = await deps.db.transaction((tx) => {
    queued = 0;
    return fn({
      ...tx,
      audit: {
        async record(event, webhook) {
          const count = await tx.audit.record(event, webhook);
          queued += count;
          return count;
        },
      },
    });
  });
  if (queued > 0) deps.wakeOutbox();
  return result;
}
