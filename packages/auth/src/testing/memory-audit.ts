import { validate as isUuid, v7 as uuidv7 } from "uuid";
import type { AuditLog, WebhookEndpoints } from "../ports/audit";
import type { Scope, StoredOutboxEntry } from "./memory-store";

const copy = <T>(value: T): T => structuredClone(value);

const newestFirst = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : -1);

/** A pending webhook delivery, as the SQL's INSERT ... SELECT writes it. */
const delivery = (request: StoredOutboxEntry["request"], at: Date): StoredOutboxEntry => ({
  id: uuidv7(),
  request: copy(request),
  status: "pending",
  attempts: 0,
  dueAt: new Date(at),
  createdAt: new Date(at),
  finishedAt: null,
  lastError: null,
  claimToken: null,
  mintedStamp: null,
});

/** The audit trail in memory: ids are uuid v7, time-ordered as on PostgreSQL. */
export function memoryAuditLog({ auditEvents, webhookEndpoints, outbox }: Scope): AuditLog {
  return {
    async record(event, webhook) {
      auditEvents.put({ ...copy(event), id: uuidv7() });
      if (!webhook) return 0;
      const subscribed = webhookEndpoints.filter((endpoint) =>
        (endpoint.events as string[]).includes(webhook.type),
      );
      for (const endpoint of subscribed) {
        outbox.put(
          delivery({ kind: "webhook", endpointId: endpoint.id, payload: webhook }, event.at),
        );
      }
      return subscribed.length;
    },

    async list({ userId, type, before, limit }) {
      // As on PostgreSQL, where a uuid column matches no other text.
      if ((userId !== undefined && !isUuid(userId)) || (before !== undefined && !isUuid(before))) {
        return [];
      }
      return auditEvents
        .filter(
          (event) =>
            (userId === undefined || event.userId === userId) &&
            (type === undefined || event.type === type) &&
            (before === undefined || event.id < before),
        )
        .sort(newestFirst)
        .slice(0, limit)
        .map(copy);
    },

    async purge(before) {
      const old = auditEvents.filter((event) => event.at < before);
      for (const event of old) auditEvents.delete(event.id);
      return old.length;
    },
  };
}

export function memoryWebhookEndpoints({ webhookEndpoints, outbox }: Scope): WebhookEndpoints {
  return {
    async create(endpoint) {
      webhookEndpoints.put(copy(endpoint));
    },

    async find(id) {
      return copy(webhookEndpoints.get(id) ?? null);
    },

    async list() {
      return webhookEndpoints
        .filter(() => true)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
        .map(copy);
    },

    async delete(id, at) {
      if (!webhookEndpoints.get(id)) return false;
      webhookEndpoints.delete(id);
      const pending = outbox.filter(
        (row) =>
          row.status === "pending" &&
          row.request.kind === "webhook" &&
          row.request.endpointId === id,
      );
      for (const row of pending) {
        outbox.put({
          ...row,
          status: "dropped",
          finishedAt: new Date(at),
          lastError: "endpoint deleted",
        });
      }
      return true;
    },

    async queue(endpointId, payload, at) {
      const entry = delivery({ kind: "webhook", endpointId, payload }, at);
      outbox.put(entry);
      return entry.id;
    },

    async deliveries(endpointId, limit) {
      return outbox
        .filter((row) => row.request.kind === "webhook" && row.request.endpointId === endpointId)
        .sort(newestFirst)
        .slice(0, limit)
        .map((row) => ({
          id: row.id,
          endpointId,
          type: row.request.kind === "webhook" ? row.request.payload.type : "",
          status: row.status,
          attempts: row.attempts,
          lastError: row.lastError,
          createdAt: new Date(row.createdAt),
          finishedAt: row.finishedAt && new Date(row.finishedAt),
        }));
    },
  };
}
