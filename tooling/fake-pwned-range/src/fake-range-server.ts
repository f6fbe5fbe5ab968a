import { createHash, randomBytes, randomInt } from "node:crypto";
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * How the server answers: normally; with a 500; with a 200 HTML page (a
 * captive portal or a misrouted proxy); or never at all.
 */
type RangeMode = "normal" | "error" | "html" | "hang";

/** One request the server received, whatever it answered. */
interface RangeRequest {
  method: string;
  path: string;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
}

export interface FakeRangeServerOptions {
  /** Passwords the range API reports as breached, each with a non-zero count. */
  breached?: readonly string[];
  /**
   * Passwords whose hash suffix appears only as a padding line (count 0) when
   * the client asks for padding: a correct client must not call them breached.
   */
  padded?: readonly string[];
  mode?: RangeMode;
  host?: string;
  port?: number;
}

export interface FakeRangeServer {
  /** Base URL: ranges are at `${url}/range/<first 5 hex digits of SHA-1>`. */
  url: string;
  requests(): RangeRequest[];
  setMode(mode: RangeMode): void;
  close(): Promise<void>;
}

/** Upper-case hex SHA-1 of the UTF-8 password, as the range protocol uses it. */
export function sha1Hex(password: string): string {
  return createHash("sha1").update(password, "utf8").digest("hex").toUpperCase();
}

const PREFIX = /^\/range\/([0-9A-Fa-f]{5})$/;

/**
 * A local stand-in for a k-anonymity range API in the style of Have I Been
 * Pwned's Pwned Passwords: `GET /range/{prefix}` answers `SUFFIX:COUNT` lines
 * (CRLF-separated, sorted) for every known hash starting with the prefix, plus
 * a few unrelated suffixes, as a real range always holds hundreds. With
 * `Add-Padding: true` it pads the answer to 800-1,000 lines with count-0
 * entries, as the real API does to hide the response size.
 */
export async function startFakeRangeServer(
  options: FakeRangeServerOptions = {},
): Promise<FakeRangeServer> {
  const { host = "127.0.0.1", port = 0 } = options;
  let mode: RangeMode = options.mode ?? "normal";
  const received: RangeRequest[] = [];
  const breached = (options.breached ?? []).map(sha1Hex);
  const padded = (options.padded ?? []).map(sha1Hex);

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    received.push({ method: request.method ?? "", path, headers: flattenHeaders(request.headers) });
    // A hanging server accepts the connection and never answers: the client's deadline must act.
    if (mode === "hang") return;
    if (mode === "error") return send(response, 500, "Internal server error");
    if (mode === "html") return send(response, 200, "<!doctype html><p>Sign in to the Wi-Fi</p>");
    const match = path.match(PREFIX);
    if (request.method !== "GET" || !match?.[1]) {
      return send(response, 400, "The hash prefix was not in a valid format");
    }
    const prefix = match[1].toUpperCase();
    const wantsPadding = String(request.headers["add-padding"]).toLowerCase() === "true";
    send(response, 200, rangeBody(prefix, breached, wantsPadding ? padded : [], wantsPadding));
  });

  server.listen(port, host);
  // Rejects if the server emits "error" first (a port in use).
  await once(server, "listening");
  const address = server.address() as AddressInfo;

  return {
    url: `http://${address.address}:${address.port}`,
    requests: () => [...received],
    setMode(next) {
      mode = next;
    },
    async close() {
      // Hanging requests and kept-alive connections would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function rangeBody(
  prefix: string,
  breached: readonly string[],
  padded: readonly string[],
  pad: boolean,
): string {
  const lines = new Map<string, number>();
  for (let i = 0; i < 3; i++) lines.set(randomSuffix(), randomInt(1, 50_000));
  for (const hash of breached) {
    if (hash.startsWith(prefix)) lines.set(hash.slice(5), randomInt(1, 50_000));
  }
  if (pad) {
    for (const hash of padded) {
      if (hash.startsWith(prefix) && !lines.has(hash.slice(5))) lines.set(hash.slice(5), 0);
    }
    const target = randomInt(800, 1001);
    while (lines.size < target) lines.set(randomSuffix(), 0);
  }
  return [...lines]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([suffix, count]) => `${suffix}:${count}`)
    .join("\r\n");
}

function randomSuffix(): string {
  // 35 hex digits: the 40-digit SHA-1 minus the 5-digit prefix.
  return randomBytes(18).toString("hex").slice(0, 35).toUpperCase();
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  response.end(body);
}

function flattenHeaders(headers: NodeJS.Dict<string | string[]>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
