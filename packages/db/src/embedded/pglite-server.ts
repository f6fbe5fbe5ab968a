import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serveOneAtATime } from "./one-at-a-time";

/**
 * PGlite is one PostgreSQL session. The socket server can multiplex several
 * clients onto it, but it queues single protocol messages, so two clients'
 * extended-protocol exchanges could interleave: clients get one connection,
 * and pools talking to it must be sized to it.
 */
export const PGLITE_MAX_CONNECTIONS = 1;

export interface ServedPGlite {
  connectionString: string;
  close(): Promise<void>;
}

/** Serves a PGlite database (persistent when dataDir is given, in memory otherwise) over the PostgreSQL protocol. */
export async function servePGlite(options: {
  dataDir?: string;
  host: string;
  port: number;
}): Promise<ServedPGlite> {
  const db = await PGlite.create(options.dataDir);
  const upstream = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: 0,
    maxConnections: PGLITE_MAX_CONNECTIONS,
  });
  let gate: Awaited<ReturnType<typeof serveOneAtATime>> | null = null;
  try {
    await upstream.start();
    gate = await serveOneAtATime({
      host: options.host,
      port: options.port,
      upstreamPort: Number(upstream.getServerConn().split(":").pop()),
      upstreamClients: () => upstream.getStats().activeConnections,
    });
  } catch (error) {
    await upstream.stop();
    await db.close();
    throw error;
  }
  const front = gate;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  let closing: Promise<void> | null = null;
  return {
    // PGlite has one user and one database, and no password or TLS.
    connectionString: `postgresql://postgres@${host}:${front.port}/postgres?sslmode=disable`,
    close() {
      closing ??= (async () => {
        await front.close();
        await upstream.stop();
        await db.close();
      })();
      return closing;
    },
  };
}
