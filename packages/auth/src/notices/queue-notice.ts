import type { AuthDeps } from "../deps";
import type { NoticeRequest } from "../ports/notices";
import { readQuota, withinQuota } from "./quota";

/**
 * Writes one notice to the outbox, a change of its own, and wakes the worker.
 * A notice for an address over its hourly quota is written too, already
 * dropped: the answer must not take less time because nothing will be sent.
 */
export async function queueNotice(
  deps: Pick<AuthDeps, "db" | "clock" | "wakeOutbox" | "keys" | "policy">,
  request: NoticeRequest,
  quotaAddress: string,
  /** Why a check of the caller's already refused it: written dropped with this reason. */
  refusedBefore?: string,
): Promise<void> {
  // Already refused: it spends none of the address's quota, or refused asks would starve the
  // emails it was meant to let through (a password reset behind five login emails).
  let suppressed = refusedBefore;
  if (suppressed) await readQuota(deps, quotaAddress);
  else if (!(await withinQuota(deps, quotaAddress))) suppressed = OVER_QUOTA;
  await deps.db.outbox.enqueue(request, deps.clock.now(), suppressed ? { suppressed } : {});
  // Woken either way: what the server does next must not differ either.
  deps.wakeOutbox();
}

export const OVER_QUOTA = "over the address's hourly email quota";
