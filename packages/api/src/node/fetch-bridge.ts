import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

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
    body: hasBody ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : null,
    duplex: "half",
  } as RequestInit);
}

/** Writes a fetch Response (a small, whole body) to the Node response. */
export async function writeFetchResponse(answer: Response, response: ServerResponse) {
  const body = Buffer.from(await answer.arrayBuffer());
  response.statusCode = answer.status;
  for (const [name, value] of answer.headers) {
    if (name !== "set-cookie") response.setHeader(name, value);
  }
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) response.setHeader("set-cookie", cookies);
  response.setHeader("content-length", body.byteLength);
  response.end(body);
}
