import { createServer as createHttpServer, request as httpRequest } from "node:http";
import { connect, createServer, type Server, type Socket } from "node:net";

/** What a cut line does: pass traffic, refuse it at once, or swallow it (a dependency that hangs). */
export type LineMode = "pass" | "refuse" | "hang";

export interface CuttableLine {
  /** The loopback port to point a client at instead of the real service. */
  port: number;
  set(mode: LineMode): void;
  close(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<number>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });

/**
 * A TCP proxy in front of a real service (PostgreSQL) that a test can cut,
 * so faults never touch the shared server. "hang" freezes the connections
 * that are open and never forwards new ones.
 */
export async function startTcpLine(target: { host: string; port: number }): Promise<CuttableLine> {
  let mode: LineMode = "pass";
  const open = new Set<{ client: Socket; upstream: Socket }>();
  const accepted = new Set<Socket>();
  const server = createServer((client) => {
    accepted.add(client);
    client.on("close", () => accepted.delete(client));
    if (mode === "refuse") return void client.destroy();
    if (mode === "hang") return void client.on("error", () => undefined);
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream };
    open.add(pair);
    const drop = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await listen(server);
  return {
    port,
    set(next) {
      mode = next;
      for (const { client, upstream } of open) {
        if (next === "refuse") {
          client.destroy();
          upstream.destroy();
        } else if (next === "hang") {
          client.unpipe(upstream);
          upstream.unpipe(client);
        }
      }
    },
    async close() {
      for (const { upstream } of open) upstream.destroy();
      for (const client of accepted) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A line to an HTTP service, which can also fail every call ("error": every reply a 500). */
export type HttpLine = CuttableLine & { set(mode: LineMode | "error"): void };

/** The same for an HTTP service (the Upstash REST endpoint), plus "error": every reply a 500. */
export async function startHttpLine(targetUrl: string): Promise<HttpLine> {
  let mode: LineMode | "error" = "pass";
  const target = new URL(targetUrl);
  const server = createHttpServer((req, res) => {
    if (mode === "refuse") return void req.socket.destroy();
    if (mode === "hang") return;
    if (mode === "error") {
      res.writeHead(500, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ error: "ERR injected failure" }));
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => req.socket.destroy());
    req.pipe(upstream);
  });
  const port = await listen(server);
  return {
    port,
    set(next) {
      mode = next;
      if (next !== "pass") server.closeAllConnections();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
