import type { WebhookPayload } from "./audit";

/** One attempt at one delivery, as the outbox worker hands it over. */
export interface WebhookMessage {
  /** The outbox entry's id: the `webhook-id` header, the same on every attempt. */
  id: string;
  url: string;
  /** The endpoint's signing secret, `whsec_` + base64 (opened from its sealed form). */
  secret: string;
  payload: WebhookPayload;
}

/** Whether a URL may receive webhooks; `reason` says why not (for logs, never a client). */
type UrlCheck = { allowed: true } | { allowed: false; reason: string };

/**
 * The webhook port: signs and posts payloads to endpoints (packages/webhooks,
 * Standard Webhooks). Every address check needs DNS, so it lives here and the
 * domain stays free of the network.
 */
export interface WebhookSender {
  /** Whether the URL's host (and every address it resolves to now) is one Latch may call. */
  checkUrl(url: string): Promise<UrlCheck>;
  /**
   * Checks the URL again (DNS can change), signs with `at` as the
   * webhook-timestamp and posts. Resolves on a 2xx answer. Rejects with
   * WebhookRefused when the address is not allowed; any other rejection (a
   * timeout, a non-2xx answer, a redirect) is retried with backoff.
   */
  send(message: WebhookMessage, at: Date): Promise<void>;
}

/** The endpoint's host resolves to an address Latch never calls: retrying cannot help. */
export class WebhookRefused extends Error {
  override readonly name = "WebhookRefused";
}
