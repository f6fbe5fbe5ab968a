// The production server: Next's request handler on a plain Node HTTP server, so
// that Latch owns shutdown. On SIGTERM (or SIGINT) it stops taking connections,
// lets in-flight requests finish, lets the outbox worker finish its batch, closes
// the database and key-store pools, and exits 0. `pnpm start` runs this file.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Server as NetServer } from "node:net";
import type { Services } from "@latch/composition";
// Only the configuration module: the services themselves load inside Next's bundles.
import { readProcessEnv } from "@latch/composition/env";
import next from "next";
import { toFetchRequest, writeFetchResponse } from "./src/server/node-fetch-bridge";

/** Longer than any request may take (every dependency call has a deadline of a few seconds). */
const SHUTDOWN_DEADLINE_MS = 25_000;

const env = readProcessEnv();
const hostname = env.HOST;
const app = next({ dev: false, dir: import.meta.dirname, hostname, port: env.PORT });
let stopping = false;
let inFlight = 0;
const server = createServer((request, response) => {
  inFlight += 1;
  response.on("close", () => {
    inFlight -= 1;
  });
  // A request that reached a kept-alive connection after SIGTERM is still served, then its
  // connection closes.
  if (stopping) response.setHeader("connection", "close");
  const api = (globalThis as { latchApi?: (request: Request) => Promise<Response> }).latchApi;
  if (api && isApiPath(request.url)) void serveApi(api, request, response);
  else void handle(request, response);
});

/** /api/trpc and below: the one path server.ts answers itself. */
const isApiPath = (url: string | undefined) =>
  url !== undefined && (url === "/api/trpc" || /^\/api\/trpc[/?]/.test(url));

/**
 * The API straight from the Node server, with the handler the route bundle
 * publishes: the same code the Next route runs, minus Next's router, which
 * cost the session check about a third of its throughput (see docs/benchmarks.md).
 */
async function serveApi(
  api: (request: Request) => Promise<Response>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    await writeFetchResponse(await api(toFetchRequest(request)), response);
  } catch (error) {
    console.error(`[latch] API request failed: ${error instanceof Error ? error.name : "error"}`);
    if (response.headersSent) return void response.destroy();
    response.statusCode = 500;
    response.setHeader("content-type", "application/json");
    response.setHeader("cache-control", "no-store");
    response.end(
      JSON.stringify({
        error: {
          message: "Something went wrong on our side.",
          code: -32603,
          data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, reason: "INTERNAL_ERROR" },
        },
      }),
    );
  }
}
let handle: ReturnType<typeof app.getRequestHandler> = async (_request, response) => {
  response.statusCode = 503;
  response.end();
};

/** Resolves once no request has been in flight for a moment (a buffered one may still start). */
async function settledRequests(): Promise<void> {
  let quietChecks = 0;
  while (quietChecks < 3) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    quietChecks = inFlight === 0 ? quietChecks + 1 : 0;
  }
}
async function shutDown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[latch] ${signal}: no new connections; finishing requests in flight`);
  const deadline = setTimeout(() => {
    console.error("[latch] shutdown deadline passed: exiting with requests still open");
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  try {
    if (server.listening) {
      // Only the listening socket closes here. http.Server#close would also drop every
      // connection it deems idle, which includes one whose request is still unread in a
      // busy server's socket buffer: that request would be cut off, not finished.
      const closed = new Promise<void>((done) => server.once("close", () => done()));
      NetServer.prototype.close.call(server);
      await settledRequests();
      // Nothing is in flight: what connections remain are idle keep-alives.
      server.closeAllConnections();
      await closed;
    }
    // The services live in the route bundles' module graph; they publish themselves here.
    const services = (globalThis as { latchServices?: Promise<Services> }).latchServices;
    await (await services?.catch(() => null))?.close();
    await app.close();
  } catch (error) {
    console.error(`[latch] shutdown failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  console.log("[latch] stopped cleanly");
  process.exit(0);
}
// Registered before startup, so a signal while Next prepares still shuts down cleanly.
// `on`, not `once`: tsx's loader re-raises a signal that no listener is left to handle.
process.on("SIGTERM", () => void shutDown("SIGTERM"));
process.on("SIGINT", () => void shutDown("SIGINT"));

await app.prepare();
if (!stopping) {
  handle = app.getRequestHandler();
  server.listen(env.PORT, hostname, () => {
    console.log(`[latch] listening on http://${hostname}:${env.PORT}`);
  });
}
