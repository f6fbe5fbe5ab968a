import { readFile } from "node:fs/promises";
import { repoPaths } from "../repo-root";
import { openMigrationConnection } from "./adapter";
import { readMigrationList } from "./migrations-dir";
import { withSchemaEngine } from "./schema-engine";

export interface MigrateOptions {
  /** Default: prisma/migrations of this repository. */
  migrationsDir?: string;
  /** Default: prisma/schema.prisma of this repository. */
  schemaPath?: string;
}

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * `prisma migrate deploy` without the native engine: applies every folder of
 * prisma/migrations not yet recorded in `_prisma_migrations`, in name order,
 * under Prisma's advisory lock, recording each as Prisma does (so the native
 * CLI and this runner can take turns on one database).
 */
export async function migrate(
  connectionString: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const paths = repoPaths();
  const schemaPath = options.schemaPath ?? paths.schema;
  const migrationsList = await readMigrationList(options.migrationsDir ?? paths.migrations);
  const datamodel = { path: schemaPath, content: await readFile(schemaPath, "utf8") };
  const connection = openMigrationConnection(connectionString);
  try {
    const { appliedMigrationNames } = await withSchemaEngine(
      datamodel,
      connection.adapterFactory,
      (engine) => engine.applyMigrations({ migrationsList, filters: noFilters }),
    );
    return { applied: appliedMigrationNames };
  } finally {
    await connection.close();
  }
}
