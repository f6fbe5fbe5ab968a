import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describeDatabaseConformance } from "@latch/auth/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaDatabase } from "../src";
import { DataDirInUseError, startEmbeddedPostgres } from "../src/embedded";
import { migrate } from "../src/migrate";
import { repoPaths } from "../src/repo-root";

const temporary: string[] = [];
const tempDataDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "latch-pglite-"));
  temporary.push(dir);
  return join(dir, "pglite");
};
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

const signup = (email: string) => ({
  email,
  passwordHash: "hash",
  keyStamp: "stamp",
  createdAt: new Date("2026-03-01T12:00:00.000Z"),
  locale: "en",
});

/** Starts hold-embedded.ts in its own process and waits for its connection string. */
async function holdInAnotherProcess(dataDir: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "support", "hold-embedded.ts"), dataDir],
    { cwd: repoPaths().root, stdio: ["pipe", "pipe", "inherit"] },
  );
  const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  return { child, ...(JSON.parse(line) as { connectionString: string }) };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals) {
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}

describe("embedded PostgreSQL (PGlite)", () => {
  it("keeps migrated data across a restart on the same data directory", async () => {
    const dataDir = await tempDataDir();
    const email = `kept-${crypto.randomUUID()}@example.test`;

    const first = await startEmbeddedPostgres({ dataDir });
    expect(first.maxConnections).toBe(1);
    expect((await migrate(first.connectionString)).applied.length).toBeGreaterThan(0);
    const writer = createPrismaDatabase({
      connectionString: first.connectionString,
      maxConnections: 1,
    });
    await writer.db.users.signUp(signup(email), { renewInactive: false });
    const created = await writer.db.users.findByEmail(email);
    await writer.close();
    await first.close();

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await migrate(second.connectionString)).toEqual({ applied: [] });
      const reader = createPrismaDatabase({
        connectionString: second.connectionString,
        maxConnections: 1,
      });
      expect(await reader.db.users.findByEmail(email)).toEqual(created);
      await reader.close();
    } finally {
      await second.close();
    }
  }, 60_000);

  it("refuses a second process on a data directory in use, and takes over after a crash", async () => {
    const dataDir = await tempDataDir();
    const holder = await holdInAnotherProcess(dataDir);
    const email = `crash-${crypto.randomUUID()}@example.test`;
    try {
      await migrate(holder.connectionString);
      const writer = createPrismaDatabase({
        connectionString: holder.connectionString,
        maxConnections: 1,
      });
      await writer.db.users.signUp(signup(email), { renewInactive: false });
      await writer.close();

      const refused = startEmbeddedPostgres({ dataDir });
      await expect(refused).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(refused).rejects.toThrow(`in use by process ${holder.child.pid}`);
    } finally {
      await kill(holder.child, "SIGKILL");
    }

    const after = await startEmbeddedPostgres({ dataDir });
    try {
      const reader = createPrismaDatabase({
        connectionString: after.connectionString,
        maxConnections: 1,
      });
      expect((await reader.db.users.findByEmail(email))?.email).toBe(email);
      await reader.close();
    } finally {
      await after.close();
    }
  }, 60_000);

  it("refuses to open one data directory twice in one process", async () => {
    const dataDir = await tempDataDir();
    const embedded = await startEmbeddedPostgres({ dataDir });
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(
        /already open in this process/,
      );
    } finally {
      await embedded.close();
    }
  }, 60_000);
});

describeDatabaseConformance("embedded PGlite through Prisma (one connection)", async () => {
  const embedded = await startEmbeddedPostgres({ dataDir: await tempDataDir() });
  await migrate(embedded.connectionString);
  const { db, close } = createPrismaDatabase({
    connectionString: embedded.connectionString,
    maxConnections: embedded.maxConnections,
  });
  return {
    db,
    async cleanup() {
      await close();
      await embedded.close();
    },
  };
});
