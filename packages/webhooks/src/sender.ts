import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { WebhookMessage, WebhookSender } from "@latch/auth/ports";
import { Webhook } from "standardwebhooks";
import { type Resolve, type ResolvedAddress, resolveAllowed, systemResolve } from "./resolve";

export interface WebhookSenderOptions {
  /** One attempt's deadline, DNS to answer (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: loopback and private receivers, for development and tests. */
  allowPrivateNetworks: boolean;
  /** Tests pass a resolver of their own; the server uses node:dns. */
  resolve?: Resolve;
}

/**
 * The webhook port over node:http(s), signed per Standard Webhooks with the
 * `standardwebhooks` package. Each attempt resolves the host, checks every
 * address, then connects to the checked address itself: no second lookup
 * between the check and the connection for a rebinding DNS server to answer.
 * Redirects are never followed (a 3xx fails the attempt), and each delivery
 * opens its own connection, so no pooled socket outlives its check.
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const resolve = options.resolve ?? systemResolve;
  return {
    // On the request path (admin.webhooks.create): a hanging resolver must not hang the answer.
    async checkUrl(url) {
      try {
        await beforeDeadline(
          resolveAllowed(new URL(url), resolve, options.allowPrivateNetworks),
          AbortSignal.timeout(options.timeoutMs),
          options.timeoutMs,
        );
        return { allowed: true };
      } catch (error) {
        return { allowed: false, reason: error instanceof Error ? error.message : "refused" };
      }
    },

    async send(message, at) {
      const signal = AbortSignal.timeout(options.timeoutMs);
      const url = new URL(message.url);
      const address = await beforeDeadline(
        resolveAllowed(url, resolve, options.allowPrivateNetworks),
        signal,
        options.timeoutMs,
      );
      const status = await post(url, address, signed(message, at), signal, options.timeoutMs);
      if (status >= 200 && status < 300) return;
      throw new Error(
        status >= 300 && status < 400
          ? `receiver answered ${status} (redirects are not followed)`
          : `receiver answered ${status}`,
      );
    },
  };
}

/** The body and headers of one attempt: webhook-id stays, webhook-timestamp is now. */
function signed(message: WebhookMessage, at: Date) {
  const body = JSON.stringify(message.payload);
  const signature = new Webhook(message.secret).sign(message.id, at, body);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "Latch-Webhooks",
      "webhook-id": message.id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature,
    },
  };
}

/** Posts to the already checked address; resolves to the answer's status. */
function post(
  url: URL,
  address: ResolvedAddress,
  { body, headers }: ReturnType<typeof signed>,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<number> {
  // net.connect asks with `all: true` when it may try several families; answer in either form.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: pinned,
        agent: false,
        signal,
      },
      (response: IncomingMessage) => {
        // The answer's body says nothing Latch uses: drain it and close.
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        signal.aborted
          ? new Error(`no answer within ${timeoutMs} ms`)
          : new Error(`could not post: ${error.code ?? error.message}`),
      );
    });
    req.end(body);
  });
}

/** The lookup cannot be cancelled; the attempt stops waiting for it at the deadline. */
function beforeDeadline<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number) {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(`no answer within ${timeoutMs} ms`));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
