import type { Outbox, OutboxEntry } from "../ports/database";
import type { Scope, StoredOutboxEntry } from "./memory-store";

const entryOf = (row: StoredOutboxEntry): OutboxEntry => ({
  id: row.id,
  request: structuredClone(row.request),
  attempts: row.attempts,
  createdAt: new Date(row.createdAt),
});

/** The outbox in memory. Each call completes without awaiting, so a claim is atomic, as with SKIP LOCKED. */
export function memoryOutbox({ outbox }: Scope): Outbox {
  const finish = (
    id: string,
    status: StoredOutboxEntry["status"],
    at: Date,
    error: string | null,
  ) => {
    const row = outbox.get(id);
    if (row) outbox.put({ ...row, status, finishedAt: new Date(at), lastError: error });
  };
  return {
    async enqueue(request, at, options) {
      const id = crypto.randomUUID();
      const suppressed = options?.suppressed;
      outbox.put({
        id,
        request: structuredClone(request),
        status: suppressed ? "dropped" : "pending",
        attempts: 0,
        dueAt: new Date(at),
        createdAt: new Date(at),
        finishedAt: suppressed ? new Date(at) : null,
        lastError: suppressed ?? null,
      });
      return id;
    },
    async claim(now, limit, leaseSeconds) {
      const due = outbox
        .filter((row) => row.status === "pending" && row.dueAt <= now)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      const leaseEnds = new Date(now.getTime() + leaseSeconds * 1000);
      return due.map((row) => {
        const claimed = { ...row, attempts: row.attempts + 1, dueAt: leaseEnds };
        outbox.put(claimed);
        return entryOf(claimed);
      });
    },
    async markSent(id, at) {
      finish(id, "sent", at, null);
    },
    async markDropped(id, at, why) {
      finish(id, "dropped", at, why);
    },
    async markDead(id, at, error) {
      finish(id, "dead", at, error);
    },
    async retryLater(id, dueAt, error, options) {
      const row = outbox.get(id);
      if (!row) return;
      const attempts = options?.refundAttempt ? Math.max(0, row.attempts - 1) : row.attempts;
      outbox.put({ ...row, dueAt: new Date(dueAt), attempts, lastError: error });
    },
    async stats(now) {
      const pending = outbox.filter((row) => row.status === "pending");
      const oldest = Math.min(...pending.map((row) => row.createdAt.getTime()), now.getTime());
      return {
        pending: pending.length,
        oldestSeconds: Math.max(0, Math.floor((now.getTime() - oldest) / 1000)),
        dead: outbox.filter((row) => row.status === "dead").length,
      };
    },
    async purgeFinished(before) {
      const done = outbox.filter(
        (row) =>
          (row.status === "sent" || row.status === "dropped") &&
          row.finishedAt !== null &&
          row.finishedAt < before,
      );
      for (const row of done) outbox.delete(row.id);
      return done.length;
    },
  };
}
