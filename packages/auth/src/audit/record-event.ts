import { UAParser } from "ua-parser-js";
import { coarsenIp } from "../ip";
import type { AuditEventType, EventDetail, WebhookEventType } from "../ports/audit";
import type { Repositories } from "../ports/database";
import type { RequestMeta } from "../sessions/sessions";

/** What one event says; who asked, from where, comes from the request's meta. */
export interface EventRecord {
  type: AuditEventType;
  userId: string | null;
  /** An admin acting on someone else's account; absent when the user acted (or the system). */
  actorId?: string | null;
  /** Absent for what no request caused (a purge, the worker). */
  meta?: RequestMeta;
  at: Date;
  detail?: EventDetail;
  /** The webhook it also announces, with its `data` (ids and non-secret fields only). */
  webhook?: { type: WebhookEventType; data: Record<string, string | null> };
}

/**
 * Writes the event with `tx`, the transaction of what it records, and queues
 * its webhook to every subscribed endpoint in the same statement. Returns how
 * many deliveries it queued (the caller wakes the outbox when any were).
 */
export function recordEvent(tx: Pick<Repositories, "audit">, event: EventRecord): Promise<number> {
  const userAgent = event.meta?.userAgent ?? null;
  return tx.audit.record(
    {
      at: event.at,
      type: event.type,
      userId: event.userId,
      actorId: event.actorId ?? null,
      ip: coarsenIp(event.meta?.ip ?? null),
      userAgent,
      device: describeDevice(userAgent),
      detail: event.detail ?? {},
    },
    event.webhook && {
      type: event.webhook.type,
      timestamp: event.at.toISOString(),
      data: event.webhook.data,
    },
  );
}

/**
 * "Firefox · Windows", "Safari · iOS"; null when the agent says neither. No words
 * between the two: the trail is read in every language the pages speak.
 */
function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const { browser, os } = new UAParser(userAgent).getResult();
  if (browser.name && os.name) return `${browser.name} · ${os.name}`;
  return browser.name ?? os.name ?? null;
}
