import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { canonicalJson, flattenHeaders, parseObject, readBody, sendError, sendId } from "./http";

/** One POST /emails the server received, whatever it answered. */
export interface RecordedEmail {
  /** The id it answered with; null when it refused the request. */
  id: string | null;
  /** The HTTP status it answered with; null when it dropped the connection instead. */
  status: number | null;
  /** The JSON body exactly as the SDK sent it (snake_case, e.g. `reply_to`). */
  body: Record<string, unknown>;
  /** Request headers, names in lower case (authorization, user-agent, idempotency-key, ...). */
  headers: Record<string, string>;
  idempotencyKey: string | null;
  receivedAt: Date;
  /**
   * How many later requests with the same idempotency key and the same body
   * were answered with this email's id instead of being recorded: Resend
   * sends such a retry once, so it is counted here rather than listed again.
   */
  replays: number;
}

/**
 * How to fail one request: a Resend-style JSON error, a raw body (say, a
 * proxy's HTML 502), "network" to close the connection without answering,
 * "hang" to keep it open and never answer (a provider that stopped
 * responding), or "answer-lost" to accept the email (it will be delivered,
 * its idempotency key is claimed) and then close the connection before the
 * answer: the sender cannot know it went out.
 */
type ResendFailure =
  | { status: number; name?: string; message?: string }
  | { status: number; rawBody: string; contentType?: string }
  | "network"
  | "hang"
  | "answer-lost";

export interface RecordingResendServerOptions {
  /** The only key it accepts as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  host?: string;
  port?: number;
  /** Fail the first request(s) received, in order. */
  failNext?: ResendFailure | ResendFailure[];
}

export interface RecordingResendServer {
  /** Base URL to give the SDK (RESEND_BASE_URL or `new Resend(key, { baseUrl })`). */
  url: string;
  /** Every POST /emails so far, oldest first. */
  received(): RecordedEmail[];
  /** Resolves with the first recorded email (past or future) that matches. */
  waitFor(predicate: (email: RecordedEmail) => boolean, timeoutMs?: number): Promise<RecordedEmail>;
  /** Queues failures for the next requests, one each. */
  failNext(...failures: ResendFailure[]): void;
  close(): Promise<void>;
}

interface Waiter {
  predicate: (email: RecordedEmail) => boolean;
  resolve: (email: RecordedEmail) => void;
  reject: (error: Error) => void;
}

const defaultFailures: Record<number, { name: string; message: string }> = {
  429: {
    name: "rate_limit_exceeded",
    message: "Too many requests. Please limit the number of requests per second.",
  },
  500: { name: "internal_server_error", message: "An unexpected error occurred." },
};

/**
 * A stand-in for the part of the Resend API that `resend.emails.send` uses,
 * so tests run the real SDK end to end without the internet. Status codes
 * and error bodies follow Resend's documented errors: 401 missing_api_key,
 * 403 invalid_api_key, 422 missing_required_field, 200 `{ id }`.
 *
 * The Idempotency-Key header is honoured as Resend does: a key seen on an
 * accepted email, sent again with the same body, gets the same id back and
 * no second email; with a different body it gets 409
 * invalid_idempotent_request; a key outside 1-256 characters gets 400
 * invalid_idempotency_key. Only accepted emails claim a key, so a retry
 * after a failure goes through. Keys are kept for the server's lifetime
 * (Resend keeps them 24 hours).
 */
export async function startRecordingResendServer({
  apiKey,
  host = "127.0.0.1",
  port = 0,
  failNext,
}: RecordingResendServerOptions): Promise<RecordingResendServer> {
  const recorded: RecordedEmail[] = [];
  const acceptedByKey = new Map<string, { fingerprint: string; email: RecordedEmail }>();
  const failures: ResendFailure[] = failNext === undefined ? [] : [failNext].flat();
  const waiters = new Set<Waiter>();

  const record = (email: RecordedEmail) => {
    recorded.push(email);
    for (const waiter of waiters) {
      if (waiter.predicate(email)) {
        waiters.delete(waiter);
        waiter.resolve(email);
      }
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, "internal_server_error", String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== "/emails") {
      return sendError(response, 404, "not_found", "The requested endpoint does not exist.");
    }
    if (request.method !== "POST") {
      return sendError(
        response,
        405,
        "method_not_allowed",
        "Method is not allowed for the requested path.",
      );
    }
    const raw = await readBody(request);
    if (raw === null)
      return sendError(response, 413, "validation_error", "The request body is too large.");
    const body = parseObject(raw);
    const headers = flattenHeaders(request);
    const entry = (status: number | null, id: string | null = null): RecordedEmail => ({
      id,
      status,
      body: body ?? {},
      headers,
      idempotencyKey: headers["idempotency-key"] ?? null,
      receivedAt: new Date(),
      replays: 0,
    });

    const queued = failures.shift();
    const loseAnswer = queued === "answer-lost";
    const failure = loseAnswer ? undefined : queued;
    if (failure === "network") {
      record(entry(null));
      request.socket.destroy();
      return;
    }
    if (failure === "hang") {
      record(entry(null));
      return;
    }
    if (failure) {
      record(entry(failure.status));
      if ("rawBody" in failure) {
        response.writeHead(failure.status, { "content-type": failure.contentType ?? "text/html" });
        response.end(failure.rawBody);
        return;
      }
      const fallback = defaultFailures[failure.status] ?? defaultFailures[500];
      const name = failure.name ?? fallback?.name ?? "application_error";
      return sendError(response, failure.status, name, failure.message ?? fallback?.message ?? "");
    }

    const authorization = headers.authorization ?? "";
    if (!authorization.startsWith("Bearer ") || authorization.length === "Bearer ".length) {
      record(entry(401));
      return sendError(
        response,
        401,
        "missing_api_key",
        "Missing API key in the authorization header.",
      );
    }
    if (authorization !== `Bearer ${apiKey}`) {
      record(entry(403));
      return sendError(response, 403, "invalid_api_key", "API key is invalid.");
    }
    const key = headers["idempotency-key"];
    if (key !== undefined && (key.length < 1 || key.length > 256)) {
      record(entry(400));
      return sendError(
        response,
        400,
        "invalid_idempotency_key",
        "The idempotency key has to be between 1-256 characters.",
      );
    }
    if (body === null) {
      record(entry(422));
      return sendError(
        response,
        422,
        "validation_error",
        "The request body must be a JSON object.",
      );
    }
    const missing = missingField(body);
    if (missing) {
      record(entry(422));
      return sendError(response, 422, "missing_required_field", `Missing \`${missing}\` field.`);
    }
    const fingerprint = canonicalJson(body);
    const earlier = key === undefined ? undefined : acceptedByKey.get(key);
    if (earlier && earlier.fingerprint !== fingerprint) {
      record(entry(409));
      return sendError(
        response,
        409,
        "invalid_idempotent_request",
        "This idempotency key has already been used on a request that had a different payload.",
      );
    }
    if (earlier) {
      earlier.email.replays += 1;
      return sendId(response, earlier.email.id);
    }
    const email = entry(200, randomUUID());
    if (key !== undefined) acceptedByKey.set(key, { fingerprint, email });
    record(email);
    if (loseAnswer) {
      request.socket.destroy();
      return;
    }
    sendId(response, email.id);
  }

  server.listen(port, host);
  // Rejects if the server emits "error" first (a port in use).
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${hostPart}:${address.port}`,
    received: () => [...recorded],
    failNext: (...more) => {
      failures.push(...more);
    },
    waitFor(predicate, timeoutMs = 5_000) {
      const already = recorded.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<RecordedEmail>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(`no matching email within ${timeoutMs} ms; received ${recorded.length}`),
          );
        }, timeoutMs);
        const waiter: Waiter = {
          predicate,
          resolve: (email) => {
            clearTimeout(timer);
            resolve(email);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        waiters.add(waiter);
      });
    },
    async close() {
      for (const waiter of waiters) waiter.reject(new Error("the recording Resend server closed"));
      waiters.clear();
      // fetch keeps connections alive; without this, close() would wait for them to time out.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Resend's own required fields for a non-template email. */
function missingField(body: Record<string, unknown>): string | null {
  if (!nonEmpty(body.from)) return "from";
  const to = body.to;
  if (!(nonEmpty(to) || (Array.isArray(to) && to.length > 0 && to.every(nonEmpty)))) return "to";
  if (!nonEmpty(body.subject)) return "subject";
  if (!nonEmpty(body.html) && !nonEmpty(body.text)) return "html` or `text";
  return null;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}
