import type {
  Outbox,
  OutboxClaim,
  OutboxEntry,
  OutboxRequest,
  OutboxWriter,
} from "@latch/auth/ports";
import type { Prisma } from "../generated/prisma/client";
import { type Client, isUuid } from "./client";

interface ClaimedRow {
  id: string;
  request: OutboxRequest;
  attempts: number;
  created_at: Date;
  claim_token: string;
  minted_stamp: string | null;
}

/** Writing an entry: what a request does, inside its own transaction. */
export function outboxWriter(client: Client): OutboxWriter {
  return {
    async enqueue(request, at, options) {
      const suppressed = options?.suppressed;
      const { id } = await client.outboxEntry.create({
        data: {
          request: request as unknown as Prisma.InputJsonObject,
          kind: request.kind,
          dueAt: at,
          createdAt: at,
          ...(suppressed ? { status: "dropped", finishedAt: at, lastError: suppressed } : {}),
        },
        select: { id: true },
      });
      return id;
    },
  };
}

/** The worker's side. Every statement is one round trip, atomic in PostgreSQL. */
export function outboxRepository(client: Client): Outbox {
  /** The entry while this claim holds it: the WHERE of every change an attempt makes. */
  const held = (claim: OutboxClaim) => ({
    id: claim.id,
    status: "pending",
    claimToken: claim.claimToken,
  });
  const finish = async (
    claim: OutboxClaim,
    status: "sent" | "dropped" | "dead",
    at: Date,
    error: string | null,
  ) => {
    if (!isUuid(claim.id) || !isUuid(claim.claimToken)) return;
    await client.outboxEntry.updateMany({
      where: held(claim),
      data: { status, finishedAt: at, lastError: error },
    });
  };

  return {
    ...outboxWriter(client),

    // One statement: the subquery locks the due rows no other worker holds
    // (SKIP LOCKED), the UPDATE pushes them past the lease and counts the attempt.
    async claim(now, limit, leaseSeconds) {
      const leaseEnds = new Date(now.getTime() + leaseSeconds * 1000);
      const rows = await client.$queryRaw<ClaimedRow[]>`
        UPDATE outbox
        SET attempts = attempts + 1, due_at = ${leaseEnds}, claim_token = gen_random_uuid()
        WHERE id IN (
          SELECT id FROM outbox
          WHERE status = 'pending' AND due_at <= ${now}
          ORDER BY due_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING id, request, attempts, created_at, claim_token, minted_stamp`;
      return rows.map(
        (row): OutboxEntry => ({
          id: row.id,
          request: row.request,
          attempts: row.attempts,
          createdAt: row.created_at,
          claimToken: row.claim_token,
          mintedStamp: row.minted_stamp,
        }),
      );
    },

    async recordMint(claim, keyStamp) {
      if (!isUuid(claim.id) || !isUuid(claim.claimToken)) return false;
      const { count } = await client.outboxEntry.updateMany({
        where: held(claim),
        data: { mintedStamp: keyStamp },
      });
      return count === 1;
    },

    markSent: (claim, at) => finish(claim, "sent", at, null),
    markDropped: (claim, at, why) => finish(claim, "dropped", at, why),
    markDead: (claim, at, error) => finish(claim, "dead", at, error),

    async retryLater(claim, dueAt, error, options) {
      if (!isUuid(claim.id) || !isUuid(claim.claimToken)) return;
      await client.outboxEntry.updateMany({
        where: held(claim),
        data: {
          dueAt,
          lastError: error,
          ...(options?.refundAttempt ? { attempts: { decrement: 1 } } : {}),
        },
      });
    },

    async stats(now) {
      // Each part reads its own index, never the sent rows: readiness probes come often.
      const [pending] = await client.$queryRaw<
        { pending: number; oldest: Date | null; dead: number }[]
      >`
        SELECT (SELECT count(*) FROM outbox WHERE status = 'pending')::int AS pending,
               (SELECT min(created_at) FROM outbox WHERE status = 'pending') AS oldest,
               (SELECT count(*) FROM outbox WHERE status = 'dead')::int AS dead`;
      const oldest = pending?.oldest ?? null;
      return {
        pending: pending?.pending ?? 0,
        oldestSeconds: oldest
          ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000))
          : 0,
        dead: pending?.dead ?? 0,
      };
    },

    // In batches, so a large backlog never holds one statement past its deadline.
    async purgeFinished(before) {
      let purged = 0;
      for (;;) {
        const deleted = await client.$executeRaw`
          DELETE FROM outbox WHERE id IN (
            SELECT id FROM outbox
            WHERE status IN ('sent', 'dropped') AND finished_at < ${before}
            LIMIT 1000
          )`;
        purged += deleted;
        if (deleted < 1000) return purged;
      }
    },
  };
}
