import { openWebhookSecret } from "../admin/webhook-secret";
import type { AuthDeps } from "../deps";
import type { WebhookDeliveryRequest } from "../ports/audit";
import type { OutboxEntry } from "../ports/database";

export type WebhookDeliveryDeps = Pick<AuthDeps, "db" | "webhooks" | "clock" | "secret">;

/**
 * One attempt at a webhook outbox entry. The entry's id is the webhook-id, so
 * a receiver sees the same id on every retry and can drop duplicates; the
 * attempt's time is the webhook-timestamp (receivers refuse stale ones).
 * Failures are thrown for the worker's retry schedule; webhooks never touch
 * the email budget.
 */
export async function deliverWebhook(
  deps: WebhookDeliveryDeps,
  entry: OutboxEntry,
  request: WebhookDeliveryRequest,
): Promise<"sent" | "dropped"> {
  const { db, clock } = deps;
  const endpoint = await db.webhooks.find(request.endpointId);
  if (!endpoint) {
    await db.outbox.markDropped(entry, clock.now(), "endpoint deleted");
    return "dropped";
  }
  const secret = openWebhookSecret(deps.secret, endpoint.id, endpoint.encryptedSecret);
  await deps.webhooks.send(
    { id: entry.id, url: endpoint.url, secret, payload: request.payload },
    clock.now(),
  );
  await db.outbox.markSent(entry, clock.now());
  return "sent";
}
