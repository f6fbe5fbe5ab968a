// Offline replacement for `prisma migrate deploy` / `prisma migrate dev --create-only`:
//   tsx scripts/migrate.ts deploy        apply prisma/migrations to DATABASE_URL (or to the embedded database)
//   tsx scripts/migrate.ts new <name>    write a migration from changes to prisma/schema.prisma
import { join, relative, resolve } from "node:path";
import { z } from "zod";
import { appEnvironment } from "../src/app-env";
import { startEmbeddedPostgres } from "../src/embedded";
import { createMigration, migrate } from "../src/migrate";
import { repoPaths } from "../src/repo-root";

const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

// The same meaning as in .env.example; values are never echoed (they hold passwords).
const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    blankAsUnset,
    z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// connection URL" })
      .optional(),
  ),
  LATCH_DATA_DIR: z.preprocess(blankAsUnset, z.string().optional()),
});

/** The app's own environment: the process environment over apps/web/.env.local and the rest. */
function readEnv() {
  const development = process.env.NODE_ENV !== "production";
  const parsed = envSchema.safeParse(appEnvironment(repoPaths().webApp, development));
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new UsageError(`Invalid configuration:\n${lines.join("\n")}`);
}

class UsageError extends Error {}

async function deploy(): Promise<void> {
  const env = readEnv();
  const paths = repoPaths();
  if (env.DATABASE_URL) {
    report(await migrate(env.DATABASE_URL), "DATABASE_URL");
    return;
  }
  // Same place the app's composition root opens when DATABASE_URL is unset.
  const dataDir = join(resolve(env.LATCH_DATA_DIR ?? paths.dataDir), "pglite");
  const embedded = await startEmbeddedPostgres({ dataDir });
  try {
    report(await migrate(embedded.connectionString), `the embedded database in ${dataDir}`);
  } finally {
    await embedded.close();
  }
}

function report({ applied }: { applied: string[] }, target: string): void {
  if (applied.length === 0) {
    console.log(`No pending migrations: ${target} is up to date.`);
    return;
  }
  console.log(`Applied ${applied.length} migration(s) to ${target}:`);
  for (const name of applied) console.log(`  ${name}`);
}

async function newMigration(name: string | undefined): Promise<void> {
  if (!name) throw new UsageError("Usage: migrate.ts new <name>");
  const written = await createMigration(name);
  const { root } = repoPaths();
  console.log(
    written
      ? `Wrote ${relative(root, written)}/migration.sql`
      : "prisma/schema.prisma matches the migrations: nothing to write.",
  );
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "deploy") await deploy();
  else if (command === "new") await newMigration(rest[0]);
  else throw new UsageError("Usage: migrate.ts deploy | migrate.ts new <name>");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
