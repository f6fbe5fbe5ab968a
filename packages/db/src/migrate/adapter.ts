import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { hideCharColumns, restoreCharColumns } from "./char-columns";

export interface MigrationConnection {
  adapterFactory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/** The driver adapter the WASM schema engine runs on to apply migrations; it has no shadow database. */
export function openMigrationConnection(connectionString: string): MigrationConnection {
  const pool = migrationPool(connectionString);
  return {
    adapterFactory: bindMigrationAwareSqlAdapterFactory(new MigrationPg(pool, false)),
    close: () => pool.end(),
  };
}

/**
 * For `diff` from the migrations folder: the engine replays the migrations
 * into a shadow database and reads its schema back. Here the throwaway
 * database at `connectionString` is both the main and the shadow database.
 */
export function openScratchConnection(connectionString: string): MigrationConnection {
  const pool = migrationPool(connectionString);
  return {
    adapterFactory: bindMigrationAwareSqlAdapterFactory(new MigrationPg(pool, true)),
    close: () => pool.end(),
  };
}

class MigrationPg extends PrismaPg {
  constructor(
    pool: pg.Pool,
    private readonly isScratch: boolean,
  ) {
    super(pool);
  }

  override async connect() {
    const adapter = restoreCharColumns(await super.connect());
    // PrismaPg splits scripts on every ";" (even inside quotes or $$ bodies) and
    // runs the pieces one by one, so a failing migration would stay half
    // applied. The native engine sends the script as one simple query, which
    // PostgreSQL runs as one implicit transaction; without parameters, pg uses
    // the simple protocol too, and errors still go through the adapter's mapping.
    adapter.executeScript = async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    return adapter;
  }

  // PrismaPg would CREATE DATABASE next to the main one, which a PGlite server cannot serve.
  override async connectToShadowDb() {
    if (!this.isScratch) throw new Error("This migration connection has no shadow database");
    return this.connect();
  }
}

/**
 * One connection, always: the engine holds Prisma's advisory lock
 * (pg_advisory_lock) for the whole run, and a session lock only guards what
 * runs on the session that took it. It also suits PGlite, which serves one
 * client at a time.
 */
function migrationPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 1 });
  pool.on("connect", hideCharColumns);
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  return pool;
}
