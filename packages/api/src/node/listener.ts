import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Server as NetServer } from "node:net";
import { internalErrorResponse } from "../http/envelope";
import { toFetchRequest, writeFetchResponse } from "./fetch-bridge";

type NodeHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface LatchListenerOptions {
  /** The API as a function of a Request: answered here, before the page framework sees it. */
  api: (request: Request) => Promise<Response>;
  /** Where the API is mounted, e.g. "/api/trpc". */
  apiEndpoint: string;
  /** Longer than any request may take (every dependency call has a deadline of a few seconds). */
  shutdownDeadlineMs?: number;
}

export interface LatchListener {
  server: Server;
  /** Every request that is not the API's (the pages); 503 until it is given. */
  servePages(handler: NodeHandler): void;
  /** True once a shutdown has begun. */
  readonly stopping: boolean;
  /**
   * Stops taking connections, lets in-flight requests finish, closes what
   * `closeRest` closes (services, the page framework) and exits: 0 when all
   * went well, 1 on a failure or when the deadline passes first.
   */
  shutDown(signal: string, closeRest: () => Promise<void>): Promise<never>;
}

/**
 * Latch's Node HTTP listener: the API straight from the Node server (Next's
 * router cost the session check about a third of its throughput, see
 * docs/benchmarks.md), pages through the given handler, and a shutdown that
 * finishes what it started.
 */
export function createLatchListener(options: LatchListenerOptions): LatchListener {
  const deadlineMs = options.shutdownDeadlineMs ?? 25_000;
  const isApiPath = (url: string | undefined) =>
    url !== undefined &&
    (url === options.apiEndpoint ||
      url.startsWith(`${options.apiEndpoint}/`) ||
      url.startsWith(`${options.apiEndpoint}?`));
  let stopping = false;
  let inFlight = 0;
  let pages: NodeHandler = (_request, response) => {
    response.statusCode = 503;
    response.end();
  };

  const server = createServer((request, response) => {
    inFlight += 1;
    response.on("close", () => {
      inFlight -= 1;
    });
    // A request that reached a kept-alive connection after SIGTERM is still served, then its
    // connection closes.
    if (stopping) response.setHeader("connection", "close");
    if (isApiPath(request.url)) void serveApi(request, response);
    else void pages(request, response);
  });

  async function serveApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      await writeFetchResponse(await options.api(toFetchRequest(request)), response);
    } catch (error) {
      console.error(`[latch] API request failed: ${error instanceof Error ? error.name : "error"}`);
      if (response.headersSent) return void response.destroy();
      await writeFetchResponse(internalErrorResponse(), response);
    }
  }

  /** Resolves once no request has been in flight for a moment (a buffered one may still start). */
  async function settledRequests(): Promise<void> {
    let quietChecks = 0;
    while (quietChecks < 3) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      quietChecks = inFlight === 0 ? quietChecks + 1 : 0;
    }
  }

  async function shutDown(signal: string, closeRest: () => Promise<void>): Promise<never> {
    if (stopping) return new Promise<never>(() => {});
    stopping = true;
    console.log(`[latch] ${signal}: no new connections; finishing requests in flight`);
    const deadline = setTimeout(() => {
      console.error("[latch] shutdown deadline passed: exiting with requests still open");
      process.exit(1);
    }, deadlineMs);
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
      await closeRest();
    } catch (error) {
      console.error(`[latch] shutdown failed: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    }
    console.log("[latch] stopped cleanly");
    process.exit(0);
  }

  return {
    server,
    servePages(handler) {
      pages = handler;
    },
    get stopping() {
      return stopping;
    },
    shutDown,
  };
}
