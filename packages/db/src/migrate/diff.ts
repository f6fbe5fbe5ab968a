import { readFile } from "node:fs/promises";
import { startScratchPostgres } from "../embedded/embedded-postgres";
import { repoPaths } from "../repo-root";
import { openScratchConnection } from "./adapter";
import {
  migrationFolderName,
  POSTGRESQL_LOCKFILE,
  readMigrationList,
  writeMigration,
} from "./migrations-dir";
import { withSchemaEngine } from "./schema-engine";

export interface DiffMigrationOptions {
  /** Default: prisma/schema.prisma of this repository. */
  schemaPath?: string;
  /** Default: prisma/migrations of this repository. */
  migrationsDir?: string;
}

/** `exitCode: true` makes the engine answer 2 when the diff is not empty. */
const DIFF_NOT_EMPTY = 2;

/**
 * The SQL that takes a database holding every existing migration to the
 * schema, or null when there is nothing to do. Like `prisma migrate dev`, it
 * replays the migrations into a shadow database and compares; the shadow is
 * an in-memory PGlite, so no PostgreSQL server or DATABASE_URL is needed.
 */
export async function diffMigration(options: DiffMigrationOptions = {}): Promise<string | null> {
  const paths = repoPaths();
  const schemaPath = options.schemaPath ?? paths.schema;
  const content = await readFile(schemaPath, "utf8");
  const migrationsList = await readMigrationList(options.migrationsDir ?? paths.migrations);
  // The engine learns the connector from the lock file; the first migration has none yet.
  migrationsList.lockfile.content ??= POSTGRESQL_LOCKFILE;

  const scratch = await startScratchPostgres();
  const connection = openScratchConnection(scratch.connectionString);
  try {
    const result = await withSchemaEngine(
      { path: schemaPath, content },
      connection.adapterFactory,
      (engine) =>
        engine.diff({
          from: { tag: "migrations", ...migrationsList },
          to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] },
          script: true,
          exitCode: true,
          filters: { externalTables: [], externalEnums: [] },
        }),
    );
    return result.exitCode === DIFF_NOT_EMPTY ? (result.stdout ?? "") : null;
  } finally {
    await connection.close();
    await scratch.close();
  }
}

/**
 * `prisma migrate dev --create-only` offline: writes the diff as a new
 * migration folder. Returns its path, or null when the schema has no changes.
 */
export async function createMigration(
  name: string,
  options: DiffMigrationOptions & { now?: Date } = {},
): Promise<string | null> {
  const folder = migrationFolderName(name, options.now ?? new Date());
  const sql = await diffMigration(options);
  if (sql === null) return null;
  return writeMigration(options.migrationsDir ?? repoPaths().migrations, folder, sql);
}
