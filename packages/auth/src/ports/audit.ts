/**
 * The audit trail and the webhook endpoints, as the domain needs them. An
 * event is written in the transaction of what it records, and so is every
 * webhook delivery it causes: neither can be lost nor exist without the other.
 */

// The lists live with the input schemas, which check types against them.
import type { AUDIT_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from "@latch/validators";

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Ids and non-secret fields only: never a password, hash, token, key or code. */
export type EventDetail = Record<string, string>;

export interface AuditEvent {
  /** uuid v7: time-ordered, so it is also the cursor. */
  id: string;
  at: Date;
  type: AuditEventType;
  /** The account it is about; null when none is known (a login for an unknown address). */
  userId: string | null;
  /** Who did it when not the user themselves: an admin's id. */
  actorId: string | null;
  /** The client's coarse address, as sessions keep it (IPv4 /24, IPv6 /48): never a full one. */
  ip: string | null;
  userAgent: string | null;
  /** Browser and system parsed from the user agent ("Firefox · Windows"). */
  device: string | null;
  detail: EventDetail;
}

export type NewAuditEvent = Omit<AuditEvent, "id">;

/** The body a webhook receiver gets: `{type, timestamp, data}`. */
export interface WebhookPayload {
  type: WebhookEventType | "webhook.test";
  /** ISO 8601, the event's time. */
  timestamp: string;
  data: Record<string, string | null>;
}

/** An outbox entry that delivers one payload to one endpoint; its entry id is the webhook-id. */
export interface WebhookDeliveryRequest {
  kind: "webhook";
  endpointId: string;
  payload: WebhookPayload;
}

export interface AuditLogWriter {
  /**
   * Records the event and, with `webhook`, queues a delivery of it to every
   * endpoint subscribed to its type. Returns how many deliveries it queued.
   */
  record(event: NewAuditEvent, webhook?: WebhookPayload): Promise<number>;
}

interface AuditQuery {
  userId?: string;
  type?: AuditEventType;
  /** Only events older than this event id (the previous page's last). */
  before?: string;
  limit: number;
}

export interface AuditLog extends AuditLogWriter {
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEvent[]>;
  /** Deletes events older than `before`; returns how many. */
  purge(before: Date): Promise<number>;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  /** AES-256-GCM under AUTH_SECRET: the database alone never yields the signing secret. */
  encryptedSecret: string;
  createdAt: Date;
}

/** One delivery of a payload to an endpoint, as the admin sees it. */
export interface WebhookDelivery {
  /** The webhook-id header: the same on every attempt. */
  id: string;
  endpointId: string;
  type: string;
  status: "pending" | "sent" | "dropped" | "dead";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface WebhookEndpoints {
  create(endpoint: WebhookEndpoint): Promise<void>;
  find(id: string): Promise<WebhookEndpoint | null>;
  /** Oldest first. */
  list(): Promise<WebhookEndpoint[]>;
  /** False when there was no such endpoint. Its pending deliveries are dropped with it. */
  delete(id: string, at: Date): Promise<boolean>;
  /** Queues one delivery to this endpoint alone (admin.webhooks.test); returns its id. */
  queue(endpointId: string, payload: WebhookPayload, at: Date): Promise<string>;
  /** The endpoint's deliveries, newest first. */
  deliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]>;
}
