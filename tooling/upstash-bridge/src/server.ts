import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type CommandOutcome, parseBatchBody, parseCommandBody } from "./protocol";
import { connectRedis, type RedisRunner, RedisUnavailableError } from "./redis-runner";
import { createSubscriptions, type Subscriptions, subscriptionRoute } from "./subscriptions";

export interface UpstashBridgeOptions {
  /** The real Redis behind the bridge, e.g. redis://127.0.0.1:6379. */
  redisUrl: string;
  /** The bearer token clients must send (UPSTASH_REDIS_REST_TOKEN on their side). */
  token: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Larger request bodies are refused with 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** The bridge's connection name in Redis CLIENT LIST (subscribers add ":subscriber"). */
  connectionName?: string;
  /** How long a command may wait for Redis before the request gets 503. Default 1000 ms. */
  commandTimeoutMs?: number;
  /** Where Redis coming and going is reported (the bridge script prints it). Default: nowhere. */
  log?: (line: string) => void;
}

export interface UpstashBridge {
  /** Use as UPSTASH_REDIS_REST_URL. */
  url: string;
  /** How many subscription streams are open, each holding its own Redis connection. */
  openSubscriptions(): number;
  /** Stops the HTTP server (dropping open connections and streams) and closes its Redis connections. */
  close(): Promise<void>;
}

type Route = "command" | "pipeline" | "multi-exec";
const ROUTES = new Map<string, Route>([
  ["/", "command"],
  ["/pipeline", "pipeline"],
  ["/multi-exec", "multi-exec"],
]);

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
type Handled = Reply | "streaming";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * A local endpoint speaking the Upstash Redis REST protocol in front of a real
 * Redis, so development and CI run the real @upstash/redis client. It serves
 * the requests that client sends: POST `/` (one command), `/pipeline` and
 * `/multi-exec`, with `Authorization: Bearer <token>`; the `Upstash-Encoding:
 * base64` header asks for base64 strings. The `upstash-sync-token` header the
 * client sends is ignored: one Redis is always consistent with itself.
 * `POST /subscribe/<channel>` and `/psubscribe/<pattern>` answer with a stream
 * of server-sent events, as the client's `subscribe()` and `psubscribe()` expect.
 *
 * The bridge starts even while Redis is down (CI may start both at once): it
 * waits for the first connection attempt only, answers 503 until Redis is up,
 * and reconnects by itself whenever Redis restarts.
 */
export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  if (options.token === "") throw new TypeError("the bridge token must not be empty");
  const expectedToken = sha256(options.token);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const connectionName = options.connectionName ?? "latch-upstash-bridge";
  const commandTimeoutMs = options.commandTimeoutMs ?? 1000;
  const redis = connectRedis({
    redisUrl: options.redisUrl,
    connectionName,
    commandTimeoutMs,
    log: options.log ?? (() => undefined),
  });
  const subscriptions = createSubscriptions({
    redisUrl: options.redisUrl,
    connectionName: `${connectionName}:subscriber`,
    commandTimeoutMs,
  });
  await redis.firstAttempt;

  const server = createServer((req, res) => {
    handle(req, res, redis, subscriptions, expectedToken, maxBodyBytes).then(
      (reply) => {
        if (reply !== "streaming") send(res, reply);
      },
      (error: unknown) => {
        // A stream that already answered can only be cut; a second answer would throw
        // ERR_HTTP_HEADERS_SENT, unhandled (seen when a subscriber was killed mid-subscribe).
        if (res.headersSent) {
          console.error("upstash bridge: a stream failed after it answered", error);
          res.destroy();
          return;
        }
        if (error instanceof RedisUnavailableError) {
          send(res, { status: 503, body: { error: `ERR ${error.message}` } });
          return;
        }
        console.error("upstash bridge: unexpected failure", error);
        send(res, { status: 500, body: { error: "ERR internal bridge error" } });
      },
    );
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await redis.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: urlOf(server.address()),
    openSubscriptions: () => subscriptions.count(),
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        // fetch keeps connections alive; without this, close waits for them to idle out.
        server.closeAllConnections();
        subscriptions.closeAll();
        await stopped;
        await redis.close();
      })();
      return closing;
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  redis: RedisRunner,
  subscriptions: Subscriptions,
  expectedToken: Buffer,
  maxBodyBytes: number,
): Promise<Handled> {
  if (!hasToken(req.headers.authorization, expectedToken)) {
    return { status: 401, body: { error: "Unauthorized: missing or wrong bearer token" } };
  }
  const pathname = new URL(req.url ?? "/", "http://bridge").pathname;
  const route = ROUTES.get(pathname) ?? subscriptionRoute(pathname);
  if (route === undefined || route === null) {
    return {
      status: 404,
      body: {
        error: "ERR not found: POST /, /pipeline, /multi-exec, /subscribe/<c> or /psubscribe/<p>",
      },
    };
  }
  if (req.method !== "POST") {
    return {
      status: 405,
      body: { error: "ERR only POST is supported" },
      headers: { Allow: "POST" },
    };
  }
  if (typeof route === "object") {
    // The body (the client sends "[]") means nothing here; drain it so the socket stays healthy.
    req.resume();
    await subscriptions.serve(route.kind, route.target, res);
    return "streaming";
  }
  const body = await readJson(req, maxBodyBytes);
  if (!body.ok) return { status: body.status, body: { error: body.error } };
  const base64 = headerValue(req.headers["upstash-encoding"])?.toLowerCase() === "base64";

  if (route === "command") {
    const command = parseCommandBody(body.value);
    if (!command.ok) return { status: 400, body: { error: command.error } };
    const outcome = await redis.run(command.value, base64);
    // Upstash answers a failed single command with 400; the client throws its message.
    return { status: "error" in outcome ? 400 : 200, body: outcome };
  }
  const commands = parseBatchBody(body.value);
  if (!commands.ok) return { status: 400, body: { error: commands.error } };
  if (route === "pipeline") {
    return { status: 200, body: await redis.pipeline(commands.value, base64) };
  }
  const outcomes: CommandOutcome[] | { error: string } = await redis.transaction(
    commands.value,
    base64,
  );
  return { status: Array.isArray(outcomes) ? 200 : 400, body: outcomes };
}

function hasToken(authorization: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  // Digests have a fixed length, so the comparison time reveals nothing about
  // the token, not even its length.
  return match?.[1] !== undefined && timingSafeEqual(sha256(match[1]), expected);
}

type Body = { ok: true; value: unknown } | { ok: false; status: number; error: string };

function readJson(req: IncomingMessage, maxBytes: number): Promise<Body> {
  const tooLarge: Body = {
    ok: false,
    status: 413,
    error: `ERR request body larger than ${maxBytes} bytes`,
  };
  // Refused before reading; Node discards the unread body once we have answered.
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) return Promise.resolve(tooLarge);

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (body: Body) => {
      settled = true;
      chunks.length = 0;
      resolve(body);
    };
    // After an early answer the listener stays attached and keeps draining
    // (and dropping) the rest, so the client still reads the reply.
    req.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) settle(tooLarge);
      else chunks.push(chunk);
    });
    req.on("error", () => {
      if (!settled) settle({ ok: false, status: 400, error: "ERR the request body was cut off" });
    });
    req.on("end", () => {
      if (settled) return;
      const text = Buffer.concat(chunks);
      settle(parseJson(text));
    });
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function parseJson(bytes: Buffer): Body {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(bytes)) };
  } catch {
    return { ok: false, status: 400, error: "ERR the request body is not valid UTF-8 JSON" };
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, reply: Reply): void {
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}

function urlOf(address: AddressInfo | string | null): string {
  if (address === null || typeof address === "string") throw new Error("the bridge is not on TCP");
  // A wildcard address is where we listen, not where clients can connect.
  const host =
    address.address === "0.0.0.0"
      ? "127.0.0.1"
      : address.address === "::"
        ? "::1"
        : address.address;
  return `http://${address.family === "IPv6" ? `[${host}]` : host}:${address.port}`;
}
