import { connect, createServer, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface Gate {
  port: number;
  close(): Promise<void>;
}

/** How long the server behind may take to notice a closed connection before the next one goes through anyway. */
const RELEASE_WAIT_MS = 2_000;
/** Event-loop turns the server behind gets to notice, however late the clock says it is. */
const MIN_RELEASE_TURNS = 100;

/**
 * A loopback TCP front for a server that must see one client at a time.
 * PGLiteSocketServer (maxConnections 1) refuses a second connection outright,
 * and it frees a closed one's slot only a tick later: a pool opened right
 * after another closed (the app's, after the migration runner's) was refused
 * ("Connection terminated unexpectedly"). Here later clients wait their turn
 * instead, and each turn starts once the server behind counts zero clients.
 */
export async function serveOneAtATime(options: {
  host: string;
  port: number;
  upstreamPort: number;
  upstreamClients: () => number;
}): Promise<Gate> {
  const waiting: Socket[] = [];
  const open = new Set<Socket>();
  let busy = false;

  const next = () => {
    if (busy) return;
    const client = waiting.shift();
    if (!client) return;
    if (client.destroyed) return next();
    busy = true;
    const upstream = connect(options.upstreamPort, "127.0.0.1");
    open.add(upstream);
    let ended = false;
    const end = async () => {
      if (ended) return;
      ended = true;
      client.destroy();
      upstream.destroy();
      open.delete(upstream);
      // The deadline alone is not enough: the migrator runs its WASM engine in this process,
      // and an event loop blocked past the deadline would let the next client through before
      // the server behind had one turn to see the close. So it gets some turns whatever the clock.
      const deadline = Date.now() + RELEASE_WAIT_MS;
      for (
        let turns = 0;
        options.upstreamClients() > 0 && (turns < MIN_RELEASE_TURNS || Date.now() < deadline);
        turns++
      ) {
        await sleep(1);
      }
      busy = false;
      next();
    };
    for (const socket of [client, upstream]) {
      socket.once("close", end);
      socket.on("error", end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const server: Server = createServer((client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    // A client that leaves while queued is skipped by next().
    client.on("error", () => client.destroy());
    waiting.push(client);
    next();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("Expected a TCP address");

  return {
    port: address.port,
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of open) socket.destroy();
      waiting.length = 0;
      return closed;
    },
  };
}
