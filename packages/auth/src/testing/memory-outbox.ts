import type { Outbox, OutboxClaim, OutboxEntry } from "../ports/database";
import type { Scope, StoredOutboxEntry } from "./memory-store";

const entryOf = (row: StoredOutboxEntry): OutboxEntry => ({
  id: row.id,
  request: structuredClone(row.request),
  attempts: row.attempts,
  createdAt: new Date(row.createdAt),
  claimToken: row.claimToken ?? "",
  mintedStamp: row.mintedStamp,
});

/** The outbox in memory. Each call completes without awaiting, so a claim is atomic, as with SKIP LOCKED. */
export function memoryOutbox({ outbox }: Scope): Outbox {
  /** The entry, while this claim still holds it (as the SQL's WHERE claim_token = $1). */
  const held = (claim: OutboxClaim) => {
    const row = outbox.get(claim.id);
    return row && row.status === "pending" && row.claimToken === claim.claimToken ? row : null;
  };
  const finish = (
    claim: OutboxClaim,
    status: StoredOutboxEntry["status"],
    at: Date,
    error: string | null,
  ) => {
    const row = held(claim);
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
        claimToken: null,
        mintedStamp: null,
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
        const claimed = {
          ...row,
          attempts: row.attempts + 1,
          dueAt: leaseEnds,
          claimToken: crypto.randomUUID(),
        };
        outbox.put(claimed);
        return entryOf(claimed);
      });
    },
    async recordMint(claim, keyStamp) {
      const row = held(claim);
      if (row) outbox.put({ ...row, mintedStamp: keyStamp });
      return row !== null;
    },
    async markSent(claim, at) {
      finish(claim, "sent", at, null);
    },
    async markDropped(claim, at, why) {
      finish(claim, "dropped", at, why);
    },
    async markDead(claim, at, error) {
      finish(claim, "dead", at, error);
    },
    async retryLater(claim, dueAt, error, options) {
      const row = held(claim);
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
