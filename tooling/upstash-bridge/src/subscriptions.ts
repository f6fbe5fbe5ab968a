import type { ServerResponse } from "node:http";
import { Redis } from "ioredis";
import { baseRedisOptions, redact } from "./redis-runner";

export type SubscriptionKind = "subscribe" | "psubscribe";

export interface SubscriptionOptions {
  redisUrl: string;
  connectionName: string;
  commandTimeoutMs: number;
}

/** The open server-sent-event streams, each with its own Redis connection. */
export interface Subscriptions {
  serve(kind: SubscriptionKind, target: string, res: ServerResponse): Promise<void>;
  /** How many streams (and so subscriber connections) are open. */
  count(): number;
  closeAll(): void;
}

/** `/subscribe/<channel>` or `/psubscribe/<pattern>`; the client puts the name in the path unencoded. */
export function subscriptionRoute(
  pathname: string,
): { kind: SubscriptionKind; target: string } | null {
  const match = /^\/(subscribe|psubscribe)\/(.+)$/.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  try {
    return { kind: match[1] as SubscriptionKind, target: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}

/**
 * One SSE line. A payload with line breaks would end the event early, so it
 * goes out as several `data:` lines (the SSE way to carry them); the
 * @upstash/redis client reads each line on its own, so publish JSON (which
 * never holds a raw line break) to such a client.
 */
function sseEvent(fields: string[]): string {
  return `${fields
    .join(",")
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join("")}\n`;
}

/**
 * Subscriptions must not share the command connection: a subscribed Redis
 * connection accepts nothing else. So every stream opens its own connection,
 * which never reconnects: if Redis goes away the stream ends (after an
 * `unsubscribe` event the client can listen for), and the client resubscribes.
 */
export function createSubscriptions(options: SubscriptionOptions): Subscriptions {
  const open = new Set<() => void>();
  const where = redact(options.redisUrl);

  return {
    count: () => open.size,
    closeAll() {
      for (const close of [...open]) close();
    },

    async serve(kind, target, res) {
      const subscriber = new Redis(options.redisUrl, {
        ...baseRedisOptions(options.connectionName, options.commandTimeoutMs),
        retryStrategy: () => null,
        autoResubscribe: false,
      });
      let problem = "connection closed";
      subscriber.on("error", (error: Error) => {
        problem = error.message || error.name;
      });
      const unsubscribed = kind === "subscribe" ? "unsubscribe" : "punsubscribe";
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        open.delete(end);
        subscriber.disconnect();
        if (res.destroyed || res.writableEnded) return;
        if (!res.headersSent) {
          const error = `ERR Redis at ${where} is unavailable (${problem})`;
          res.writeHead(503, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ error }));
        } else {
          // Redis restarted or dropped us: say so, then end the stream rather than leave it silent.
          res.end(sseEvent([unsubscribed, target, "0"]));
        }
      };
      open.add(end);
      // The HTTP client went away (unsubscribe aborts its fetch): drop the Redis side too.
      res.on("close", end);
      subscriber.on("close", end);
      subscriber.on("message", (channel: string, message: string) => {
        res.write(sseEvent(["message", channel, message]));
      });
      subscriber.on("pmessage", (pattern: string, channel: string, message: string) => {
        res.write(sseEvent(["pmessage", pattern, channel, message]));
      });

      let count: number;
      try {
        await subscriber.connect();
        const reply =
          kind === "subscribe"
            ? await subscriber.subscribe(target)
            : await subscriber.psubscribe(target);
        count = Number(reply);
      } catch {
        end();
        return;
      }
      if (ended) return;
      res.writeHead(200, {
        "Content-Type": "text/event-stream",
        "Cache-Control": "no-cache",
        Connection: "keep-alive",
      });
      res.write(sseEvent([kind, target, String(count)]));
    },
  };
}
