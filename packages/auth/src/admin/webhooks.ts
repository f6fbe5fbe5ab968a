import { v7 as uuidv7 } from "uuid";
import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import type {
  AuditEventType,
  EventDetail,
  WebhookEndpoint,
  WebhookEventType,
  WebhookPayload,
} from "../ports/audit";
import type { Repositories } from "../ports/database";
import type { AdminCaller } from "./require-admin";
import { newWebhookSecret } from "./webhook-secret";

type WebhookDeps = Pick<AuthDeps, "db" | "webhooks" | "clock" | "random" | "secret" | "log">;

/** How many of an endpoint's deliveries admin.webhooks.deliveries shows, newest first. */
const RECENT_DELIVERIES = 50;

/**
 * admin.webhooks.create: the URL is checked now (its host must resolve to
 * public addresses only) and again at each delivery, since DNS can change.
 * The signing secret is returned this once; only its sealed form is kept.
 */
export async function createWebhook(
  deps: WebhookDeps,
  caller: AdminCaller,
  input: { url: string; events: WebhookEventType[] },
): Promise<{ id: string; secret: string }> {
  const check = await deps.webhooks.checkUrl(input.url);
  if (!check.allowed) {
    deps.log?.("webhook_url_refused", { reason: check.reason });
    throw new AuthError("WEBHOOK_URL_REFUSED", { field: "url" });
  }
  const id = uuidv7();
  const events = [...new Set(input.events)];
  const { secret, encryptedSecret } = newWebhookSecret(deps.secret, id, deps.random);
  const createdAt = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.webhooks.create({ id, url: input.url, events, encryptedSecret, createdAt });
    // The host only: a receiver's path or query may carry a token of its own.
    await audit(deps, tx, caller, "admin.webhook.created", {
      endpointId: id,
      host: new URL(input.url).host,
      events: events.join(","),
    });
  });
  return { id, secret };
}

/** admin.webhooks.list: every endpoint, oldest first, never its secret. */
export async function listWebhooks(deps: WebhookDeps, caller: AdminCaller) {
  const endpoints = await deps.db.webhooks.list();
  await audit(deps, deps.db, caller, "admin.webhook.listed", {});
  return {
    endpoints: endpoints.map(({ id, url, events, createdAt }) => ({
      id,
      url,
      events,
      createdAt: createdAt.toISOString(),
    })),
  };
}

/** admin.webhooks.delete: the endpoint goes, and its pending deliveries are dropped with it. */
export async function deleteWebhook(deps: WebhookDeps, caller: AdminCaller, input: { id: string }) {
  await deps.db.transaction(async (tx) => {
    if (!(await tx.webhooks.delete(input.id, deps.clock.now()))) {
      throw new AuthError("WEBHOOK_NOT_FOUND");
    }
    await audit(deps, tx, caller, "admin.webhook.deleted", { endpointId: input.id });
  });
  return { status: "deleted" as const };
}

/**
 * admin.webhooks.test: queues a `webhook.test` payload to this endpoint alone,
 * delivered (signed, retried) like any other. Its id is the delivery's.
 */
export async function testWebhook(
  deps: WebhookDeps & Pick<AuthDeps, "wakeOutbox">,
  caller: AdminCaller,
  input: { id: string },
) {
  const endpoint = await findEndpoint(deps, input.id);
  const now = deps.clock.now();
  const payload: WebhookPayload = {
    type: "webhook.test",
    timestamp: now.toISOString(),
    data: { endpointId: endpoint.id },
  };
  const deliveryId = await deps.db.transaction(async (tx) => {
    const queued = await tx.webhooks.queue(endpoint.id, payload, now);
    await audit(deps, tx, caller, "admin.webhook.tested", {
      endpointId: endpoint.id,
      deliveryId: queued,
    });
    return queued;
  });
  deps.wakeOutbox();
  return { deliveryId };
}

/** admin.webhooks.deliveries: the endpoint's recent deliveries, newest first, with their status. */
export async function listWebhookDeliveries(
  deps: WebhookDeps,
  caller: AdminCaller,
  input: { id: string },
) {
  const endpoint = await findEndpoint(deps, input.id);
  const deliveries = await deps.db.webhooks.deliveries(endpoint.id, RECENT_DELIVERIES);
  await audit(deps, deps.db, caller, "admin.webhook.listed", { deliveriesOf: endpoint.id });
  return {
    deliveries: deliveries.map((delivery) => ({
      id: delivery.id,
      type: delivery.type,
      status: delivery.status,
      attempts: delivery.attempts,
      lastError: delivery.lastError,
      createdAt: delivery.createdAt.toISOString(),
      finishedAt: delivery.finishedAt?.toISOString() ?? null,
    })),
  };
}

async function findEndpoint(deps: WebhookDeps, id: string): Promise<WebhookEndpoint> {
  const endpoint = await deps.db.webhooks.find(id);
  if (!endpoint) throw new AuthError("WEBHOOK_NOT_FOUND");
  return endpoint;
}

/**
 * Every admin call is in the trail, by its admin; no user's account is its
 * subject. A change's event goes in the change's transaction (`tx`).
 */
function audit(
  deps: WebhookDeps,
  tx: Pick<Repositories, "audit">,
  caller: AdminCaller,
  type: AuditEventType,
  detail: EventDetail,
) {
  return recordEvent(tx, {
    type,
    userId: null,
    actorId: caller.admin.id,
    meta: caller.meta,
    at: deps.clock.now(),
    detail,
  });
}
