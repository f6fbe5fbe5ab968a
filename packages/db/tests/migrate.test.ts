import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigration, diffMigration, migrate } from "../src/migrate";
import { repoPaths } from "../src/repo-root";
import { createScratchDatabase, type ScratchDatabase } from "./support/scratch-database";

const paths = repoPaths();
const migrationNames = async (dir = paths.migrations) =>
  (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of prisma/migrations plus extra folders, in a temporary directory. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "latch-migrations-"));
  await cp(paths.migrations, dir, { recursive: true });
  for (const [folder, sql] of Object.entries(extra)) {
    await mkdir(join(dir, folder));
    await writeFile(join(dir, folder, "migration.sql"), sql);
  }
  return dir;
}

describe("migrations on PostgreSQL (WASM schema engine)", () => {
  let database: ScratchDatabase;
  const temporary: string[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase();
  });
  afterAll(async () => {
    await database?.drop();
    for (const dir of temporary) await rm(dir, { recursive: true, force: true });
  });

  it("applies every migration to an empty database, then nothing on the next run", async () => {
    expect(await migrate(database.url)).toEqual({ applied: await migrationNames() });
    expect(await migrate(database.url)).toEqual({ applied: [] });
    const tables = await query<{ table_name: string }>(
      database.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((row) => row.table_name)).toEqual([
      "_prisma_migrations",
      "audit_events",
      "identities",
      "outbox",
      "passkeys",
      "recovery_codes",
      "revocation_announcements",
      "sessions",
      "totp_factors",
      "users",
      "webhook_endpoints",
    ]);
  });

  it("records each migration in _prisma_migrations as prisma migrate deploy does", async () => {
    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      started_at: Date;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
      applied_steps_count: number;
    }>(database.url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    const names = await migrationNames();
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const script = await readFile(join(paths.migrations, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(script).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row).toMatchObject({ rolled_back_at: null, logs: null, applied_steps_count: 1 });
    }
    const columns = await query<{ column_name: string; data_type: string }>(
      database.url,
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying" },
      { column_name: "checksum", data_type: "character varying" },
      { column_name: "finished_at", data_type: "timestamp with time zone" },
      { column_name: "migration_name", data_type: "character varying" },
      { column_name: "logs", data_type: "text" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone" },
      { column_name: "started_at", data_type: "timestamp with time zone" },
      { column_name: "applied_steps_count", data_type: "integer" },
    ]);
  });

  it("applies each migration once when two runs race (Prisma's advisory lock)", async () => {
    const fresh = await createScratchDatabase();
    try {
      const runs = await Promise.all([migrate(fresh.url), migrate(fresh.url)]);
      expect(runs.flatMap((run) => run.applied).sort()).toEqual(await migrationNames());
    } finally {
      await fresh.drop();
    }
  });

  it("runs a script as one statement batch: a quoted semicolon stays in its string", async () => {
    const dir = await migrationsWith({
      "29990101000000_comment": `COMMENT ON TABLE "users" IS 'one; two';\nCOMMENT ON TABLE "sessions" IS 'three';\n`,
    });
    temporary.push(dir);
    expect(await migrate(database.url, { migrationsDir: dir })).toEqual({
      applied: ["29990101000000_comment"],
    });
    const [comment] = await query<{ comment: string }>(
      database.url,
      `SELECT obj_description('"users"'::regclass, 'pg_class') AS comment`,
    );
    expect(comment?.comment).toBe("one; two");
  });

  it("rolls a failing migration back whole, records the failure and refuses to go on", async () => {
    const fresh = await createScratchDatabase();
    const dir = await migrationsWith({
      "29990101000000_broken": `CREATE TABLE "half_done" ("id" INTEGER);\nSELECT 1 / 0;\n`,
    });
    temporary.push(dir);
    try {
      await expect(migrate(fresh.url, { migrationsDir: dir })).rejects.toThrow(/division by zero/);
      const tables = await query(
        fresh.url,
        "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'",
      );
      expect(tables).toEqual([]);
      const [failed] = await query<{ finished_at: Date | null; logs: string | null }>(
        fresh.url,
        `SELECT finished_at, logs FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'`,
      );
      expect(failed?.finished_at).toBeNull();
      expect(failed?.logs).toContain("division by zero");
      await expect(migrate(fresh.url, { migrationsDir: dir })).rejects.toThrow(
        /29990101000000_broken/,
      );
    } finally {
      await fresh.drop();
    }
  });

  it("fails with a message naming the server when the database cannot be reached", async () => {
    await expect(migrate("postgresql://postgres@127.0.0.1:1/nowhere")).rejects.toThrow(
      /127\.0\.0\.1|ECONNREFUSED|reach/i,
    );
  });
});

describe("writing migrations (diff against an in-memory shadow database)", () => {
  it("finds nothing to write: the migrations build exactly prisma/schema.prisma", async () => {
    expect(await diffMigration()).toBeNull();
  });

  it("writes a timestamped folder with the diff and the lock file for a schema change", async () => {
    const dir = await migrationsWith({});
    const schemaPath = join(dir, "schema.prisma");
    const schema = await readFile(paths.schema, "utf8");
    await writeFile(
      schemaPath,
      schema.replace(
        "  ip             String?",
        "  ip             String?\n  country        String?",
      ),
    );
    try {
      const written = await createMigration("Add session country!", {
        schemaPath,
        migrationsDir: dir,
        now: new Date("2030-01-02T03:04:05Z"),
      });
      expect(written).toBe(join(dir, "20300102030405_add_session_country"));
      const sql = await readFile(
        join(dir, "20300102030405_add_session_country", "migration.sql"),
        "utf8",
      );
      expect(sql).toContain(`ALTER TABLE "sessions" ADD COLUMN     "country" TEXT;`);
      expect(await readFile(join(dir, "migration_lock.toml"), "utf8")).toContain(
        'provider = "postgresql"',
      );
      expect(await createMigration("again", { schemaPath, migrationsDir: dir })).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
