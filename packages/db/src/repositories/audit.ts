import type {
  AuditEvent,
  AuditEventType,
  AuditLog,
  AuditLogWriter,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpoints,
  WebhookEventType,
  WebhookPayload,
} from "@latch/auth/ports";
import { v7 as uuidv7 } from "uuid";
import type { Prisma } from "../generated/prisma/client";
import { type Client, isUuid } from "./client";

const eventOf = (row: {
  id: string;
  at: Date;
  type: string;
  userId: string | null;
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
  device: string | null;
  detail: Prisma.JsonValue;
}): AuditEvent => ({
  ...row,
  type: row.type as AuditEventType,
  detail: row.detail as Record<string, string>,
});

/** Writing an event: inside the transaction of what it records. */
export function auditLogWriter(client: Client): AuditLogWriter {
  return {
    // One statement: the event, and one outbox entry per endpoint subscribed
    // to its webhook type (none when it has none), so both commit together.
    // Outbox ids come from gen_random_uuid(): claims order by due_at first.
    async record(event, webhook) {
      const id = uuidv7();
      const detail = JSON.stringify(event.detail);
      if (!webhook) {
        await client.$executeRaw`
          INSERT INTO audit_events (id, at, type, user_id, actor_id, ip, user_agent, device, detail)
          VALUES (${id}::uuid, ${event.at}, ${event.type}, ${event.userId}::uuid,
                  ${event.actorId}::uuid, ${event.ip}, ${event.userAgent}, ${event.device},
                  ${detail}::jsonb)`;
        return 0;
      }
      return client.$executeRaw`
        WITH event AS (
          INSERT INTO audit_events (id, at, type, user_id, actor_id, ip, user_agent, device, detail)
          VALUES (${id}::uuid, ${event.at}, ${event.type}, ${event.userId}::uuid,
                  ${event.actorId}::uuid, ${event.ip}, ${event.userAgent}, ${event.device},
                  ${detail}::jsonb)
        )
        INSERT INTO outbox (id, request, kind, due_at, created_at)
        SELECT gen_random_uuid(),
               jsonb_build_object('kind', 'webhook', 'endpointId', e.id::text,
                                  'payload', ${JSON.stringify(webhook)}::jsonb),
               'webhook', ${event.at}, ${event.at}
        FROM webhook_endpoints e
        WHERE ${webhook.type} = ANY (e.events)`;
    },
  };
}

export function auditLog(client: Client): AuditLog {
  return {
    ...auditLogWriter(client),

    async list({ userId, type, before, limit }) {
      if ((userId !== undefined && !isUuid(userId)) || (before !== undefined && !isUuid(before))) {
        return [];
      }
      const rows = await client.auditEvent.findMany({
        where: {
          ...(userId === undefined ? {} : { userId }),
          ...(type === undefined ? {} : { type }),
          ...(before === undefined ? {} : { id: { lt: before } }),
        },
        orderBy: { id: "desc" },
        take: limit,
      });
      return rows.map(eventOf);
    },

    // In batches, so a large backlog never holds one statement past its deadline.
    async purge(before) {
      let purged = 0;
      for (;;) {
        const deleted = await client.$executeRaw`
          DELETE FROM audit_events WHERE id IN (
            SELECT id FROM audit_events WHERE at < ${before} LIMIT 1000
          )`;
        purged += deleted;
        if (deleted < 1000) return purged;
      }
    },
  };
}

const endpointOf = (row: {
  id: string;
  url: string;
  events: string[];
  encryptedSecret: string;
  createdAt: Date;
}): WebhookEndpoint => ({ ...row, events: row.events as WebhookEventType[] });

const deliveryRequest = (endpointId: string, payload: WebhookPayload) =>
  ({ kind: "webhook", endpointId, payload }) as unknown as Prisma.InputJsonObject;

export function webhookEndpoints(client: Client): WebhookEndpoints {
  return {
    async create(endpoint) {
      await client.webhookEndpoint.create({ data: endpoint });
    },

    async find(id) {
      if (!isUuid(id)) return null;
      const row = await client.webhookEndpoint.findUnique({ where: { id } });
      return row && endpointOf(row);
    },

    async list() {
      const rows = await client.webhookEndpoint.findMany({
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(endpointOf);
    },

    // One statement: the endpoint goes, and its pending deliveries with it.
    async delete(id, at) {
      if (!isUuid(id)) return false;
      const [row] = await client.$queryRaw<{ deleted: number }[]>`
        WITH gone AS (DELETE FROM webhook_endpoints WHERE id = ${id}::uuid RETURNING id),
        dropped AS (
          UPDATE outbox SET status = 'dropped', finished_at = ${at}, last_error = 'endpoint deleted'
          WHERE kind = 'webhook' AND status = 'pending'
            AND request->>'endpointId' = ${id} AND EXISTS (SELECT 1 FROM gone)
        )
        SELECT count(*)::int AS deleted FROM gone`;
      return (row?.deleted ?? 0) === 1;
    },

    async queue(endpointId, payload, at) {
      const { id } = await client.outboxEntry.create({
        data: {
          id: uuidv7(),
          request: deliveryRequest(endpointId, payload),
          kind: "webhook",
          dueAt: at,
          createdAt: at,
        },
        select: { id: true },
      });
      return id;
    },

    async deliveries(endpointId, limit) {
      const rows = await client.outboxEntry.findMany({
        where: { kind: "webhook", request: { path: ["endpointId"], equals: endpointId } },
        orderBy: { createdAt: "desc" },
        take: limit,
      });
      return rows.map(
        (row): WebhookDelivery => ({
          id: row.id,
          endpointId,
          type: String((row.request as { payload?: { type?: unknown } }).payload?.type ?? ""),
          status: row.status as WebhookDelivery["status"],
          attempts: row.attempts,
          lastError: row.lastError,
          createdAt: row.createdAt,
          finishedAt: row.finishedAt,
        }),
      );
    },
  };
}
