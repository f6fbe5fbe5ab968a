import type { NoticeRequest, Outbox, OutboxEntry, OutboxWriter } from "@latch/auth/ports";
import type { Prisma } from "../generated/prisma/client";
import { type Client, isUuid } from "./client";

interface ClaimedRow {
  id: string;
  request: NoticeRequest;
  attempts: number;
  created_at: Date;
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
  const finish = async (
    id: string,
    status: "sent" | "dropped" | "dead",
    at: Date,
    error: string | null,
  ) => {
    if (!isUuid(id)) return;
    await client.outboxEntry.updateMany({
      where: { id, status: "pending" },
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
        UPDATE outbox SET attempts = attempts + 1, due_at = ${leaseEnds}
        WHERE id IN (
          SELECT id FROM outbox
          WHERE status = 'pending' AND due_at <= ${now}
          ORDER BY due_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING id, request, attempts, created_at`;
      return rows
        .map(
          (row): OutboxEntry => ({
            id: row.id,
            request: row.request,
            attempts: row.attempts,
            createdAt: row.created_at,
          }),
        )
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },

    markSent: (id, at) => finish(id, "sent", at, null),
    markDropped: (id, at, why) => finish(id, "dropped", at, why),
    markDead: (id, at, error) => finish(id, "dead", at, error),

    async retryLater(id, dueAt, error, options) {
      if (!isUuid(id)) return;
      await client.outboxEntry.updateMany({
        where: { id, status: "pending" },
        data: {
          dueAt,
          lastError: error,
          ...(options?.refundAttempt ? { attempts: { decrement: 1 } } : {}),
        },
      });
    },

    async stats(now) {
      const [pending] = await client.$queryRaw<
        { pending: number; oldest: Date | null; dead: number }[]
      >`
        SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
               min(created_at) FILTER (WHERE status = 'pending') AS oldest,
               count(*) FILTER (WHERE status = 'dead')::int AS dead
        FROM outbox`;
      const oldest = pending?.oldest ?? null;
      return {
        pending: pending?.pending ?? 0,
        oldestSeconds: oldest
          ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000))
          : 0,
        dead: pending?.dead ?? 0,
      };
    },

    async purgeFinished(before) {
      const { count } = await client.outboxEntry.deleteMany({
        where: { status: { in: ["sent", "dropped"] }, finishedAt: { lt: before } },
      });
      return count;
    },
  };
}
