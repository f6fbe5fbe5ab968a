import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * How much of a body the handler left unread (it refused it, e.g. with 413) is read and
 * thrown away so the connection can carry the client's next request; Go's net/http
 * allows the same. Past it the answer says `Connection: close`.
 */
const DISCARD_LIMIT_BYTES = 256 * 1024;
/** How long the discarding may take before the connection is given up instead. */
const DISCARD_DEADLINE_MS = 1_000;
/**
 * How long a closing connection still reads (and drops) what the client sends. Closing a
 * socket with unread data resets it, and a reset can destroy the answer before the client
 * has read it: the lingering close HTTP servers do (RFC 9112 section 9.6).
 */
const LINGER_MS = 2_000;
const LINGER_LIMIT_BYTES = 16 * 1024 * 1024;

/** Stops each bridged request's body stream, so the rest of the body can be dealt with here. */
const detachBody = new WeakMap<IncomingMessage, () => void>();

/**
 * The incoming Node request as a fetch Request, as Next would hand it to a
 * route handler: same method, headers and body, and `x-forwarded-for` set to
 * the socket's address when no proxy set one (Next does the same).
 */
export function toFetchRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2)
    headers.append(raw[i] as string, raw[i + 1] as string);
  if (!headers.has("x-forwarded-for") && request.socket.remoteAddress) {
    headers.set("x-forwarded-for", request.socket.remoteAddress);
  }
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  // The path is the client's; the origin is not used for anything but parsing it.
  return new Request(new URL(request.url ?? "/", "http://localhost"), {
    method,
    headers,
    body: hasBody ? bodyOf(request) : null,
    duplex: "half",
  } as RequestInit);
}

/**
 * The body as a web stream. Unlike `Readable.toWeb`, cancelling it (a handler refusing
 * a body too large) does not destroy the request, which would destroy the socket with
 * the answer not yet written and reset the client's kept-alive connection.
 */
function bodyOf(request: IncomingMessage): ReadableStream<Uint8Array> {
  let detached = false;
  let controller: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer) => {
    controller.enqueue(new Uint8Array(chunk));
    if ((controller.desiredSize ?? 0) <= 0) request.pause();
  };
  const onEnd = () => {
    detach();
    controller.close();
  };
  // An aborted upload closes the request without an end (and without an error when no
  // one listens for it): the reader must not wait forever.
  const onClose = () => {
    detach();
    controller.error(new Error("the request body ended early"));
  };
  const detach = () => {
    if (detached) return;
    detached = true;
    request.pause();
    request.off("data", onData).off("end", onEnd).off("close", onClose).off("error", onClose);
  };
  detachBody.set(request, detach);
  return new ReadableStream<Uint8Array>(
    {
      start(started) {
        controller = started;
        request.pause();
        request.on("data", onData).once("end", onEnd).once("close", onClose).once("error", onClose);
      },
      pull() {
        if (!detached) request.resume();
      },
      cancel: detach,
    },
    { highWaterMark: 16 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/**
 * Writes a fetch Response (a small, whole body) to the Node response. A request body the
 * handler did not read to its end is discarded first when it is small; otherwise the
 * answer closes the connection, gracefully.
 */
export async function writeFetchResponse(answer: Response, response: ServerResponse) {
  const body = Buffer.from(await answer.arrayBuffer());
  const request = response.req;
  const keepConnection = request.complete || (await discardRest(request));
  response.statusCode = answer.status;
  for (const [name, value] of answer.headers) {
    if (name !== "set-cookie") response.setHeader(name, value);
  }
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) response.setHeader("set-cookie", cookies);
  response.setHeader("content-length", body.byteLength);
  if (!keepConnection) {
    response.setHeader("connection", "close");
    // Runs after Node's own handler, which has just ended the socket and would destroy it
    // once the answer is flushed.
    response.once("finish", () => lingerThenClose(request));
  }
  response.end(body);
}

/** Reads and drops the rest of the body: true once it ended within the limits. */
function discardRest(request: IncomingMessage): Promise<boolean> {
  detachBody.get(request)?.();
  if (Number(request.headers["content-length"]) > DISCARD_LIMIT_BYTES) {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    let discarded = 0;
    const settle = (ended: boolean) => {
      clearTimeout(deadline);
      request.off("data", onData).off("end", onEnded).off("close", onClosed);
      if (ended) request.resume();
      else request.pause();
      resolve(ended);
    };
    const deadline = setTimeout(() => settle(false), DISCARD_DEADLINE_MS);
    const onData = (chunk: Buffer) => {
      discarded += chunk.byteLength;
      if (discarded > DISCARD_LIMIT_BYTES) settle(false);
    };
    const onEnded = () => settle(true);
    const onClosed = () => settle(request.complete);
    request.on("data", onData).once("end", onEnded).once("close", onClosed);
    request.resume();
  });
}

/**
 * Keeps reading (and dropping) what the client still sends after the answer and Node's
 * FIN, until the client closes its side (the socket then ends by itself), or for at most
 * LINGER_MS and LINGER_LIMIT_BYTES.
 */
function lingerThenClose(request: IncomingMessage) {
  const socket = request.socket;
  if (socket.destroyed) return;
  // Node's `destroySoon` destroys the socket once the answer is flushed; this one waits.
  socket.off("finish", socket.destroy);
  let dropped = 0;
  request
    .on("data", (chunk: Buffer) => {
      dropped += chunk.byteLength;
      if (dropped > LINGER_LIMIT_BYTES) socket.destroy();
    })
    .resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
