import type { AuthDeps } from "../deps";
import type { NoticeRequest } from "../ports/notices";

/** Writes one notice to the outbox, a change of its own, and wakes the worker. */
export async function queueNotice(
  deps: Pick<AuthDeps, "db" | "clock" | "wakeOutbox">,
  request: NoticeRequest,
): Promise<void> {
  await deps.db.outbox.enqueue(request, deps.clock.now());
  deps.wakeOutbox();
}
