export { createMigration, type DiffMigrationOptions, diffMigration } from "./diff";
export { type MigrateOptions, migrate } from "./migrate";
