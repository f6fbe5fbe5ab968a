import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { lockDataDir } from "./data-dir-lock";
import { PGLITE_MAX_CONNECTIONS, servePGlite } from "./pglite-server";

export interface EmbeddedPostgresOptions {
  /** Where the database files live; created when missing, reused on the next start. */
  dataDir: string;
  /** Loopback by default: the server has no password. */
  host?: string;
  /** 0 (default) lets the OS choose a free port. */
  port?: number;
}

export interface EmbeddedPostgres {
  connectionString: string;
  /** Size every pool talking to this server to this: it serves one connection at a time. */
  maxConnections: typeof PGLITE_MAX_CONNECTIONS;
  dataDir: string;
  /** Stops serving and closes the database; close the clients' pools first. */
  close(): Promise<void>;
}

/**
 * PostgreSQL without installing PostgreSQL: PGlite (Postgres compiled to
 * WASM) on a data directory, served on a loopback port so Prisma's pg adapter
 * talks to it like to any server. One process per data directory: a second
 * one fails with DataDirInUseError instead of opening the files twice.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(dataDir);
  try {
    const served = await servePGlite({
      dataDir,
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 0,
    });
    let closing: Promise<void> | null = null;
    return {
      connectionString: served.connectionString,
      maxConnections: PGLITE_MAX_CONNECTIONS,
      dataDir,
      close() {
        closing ??= served.close().finally(() => lock.release());
        return closing;
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** A throwaway in-memory PostgreSQL, e.g. the shadow database a migration diff replays into. */
export function startScratchPostgres() {
  return servePGlite({ host: "127.0.0.1", port: 0 });
}
