import { randomUUID } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { link, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";

/** Thrown when another live process (or this one) already serves the data directory. */
export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

interface Holder {
  pid: number;
  token: string;
  startedAt: string;
}

/** A lock file still being written by its creator is empty for a moment; after this, it is junk. */
const UNREADABLE_GRACE_MS = 10_000;

const heldHere = new Set<string>();

/**
 * PGlite has no postmaster.pid: two processes opening one data directory
 * both succeed and then corrupt it. This lock file (next to the directory,
 * so PGlite's initdb sees an untouched folder) records the owner's pid; a
 * lock whose process is gone (crash, kill -9) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  const path = `${dataDir}.lock`;
  if (heldHere.has(path)) {
    throw new DataDirInUseError(
      `The embedded database in ${dataDir} is already open in this process`,
    );
  }
  const me: Holder = { pid: process.pid, token: randomUUID(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryCreate(path, me)) {
      heldHere.add(path);
      const onExit = () => releaseSync(path, me.token);
      process.once("exit", onExit);
      return {
        async release() {
          process.removeListener("exit", onExit);
          heldHere.delete(path);
          const current = await readHolder(path);
          if (current?.token === me.token) await unlink(path).catch(() => undefined);
        },
      };
    }
    const holder = await readHolder(path);
    if (holder && isAlive(holder.pid)) throw inUse(dataDir, path, holder);
    if (!holder && (await youngerThan(path, UNREADABLE_GRACE_MS))) throw inUse(dataDir, path, null);
    await takeOverStale(path, holder, dataDir);
  }
  throw new DataDirInUseError(`Could not lock ${path}: other processes keep taking it`);
}

async function tryCreate(path: string, me: Holder): Promise<boolean> {
  try {
    await writeFile(path, JSON.stringify(me), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/**
 * Moves the stale file aside instead of deleting it, then checks that what was
 * moved is the stale lock: if another process took it over in between, its
 * fresh lock is linked back (link fails rather than overwrite) and we yield.
 */
async function takeOverStale(path: string, stale: Holder | null, dataDir: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${randomUUID()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = await readHolder(aside);
  if (moved && moved.token !== stale?.token && isAlive(moved.pid)) {
    await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    throw inUse(dataDir, path, moved);
  }
  await unlink(aside).catch(() => undefined);
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
    const holder = parsed as Partial<Holder>;
    return typeof holder.pid === "number" && typeof holder.token === "string"
      ? (holder as Holder)
      : null;
  } catch {
    return null;
  }
}

async function youngerThan(path: string, ms: number): Promise<boolean> {
  const stats = await stat(path).catch(() => null);
  return stats !== null && Date.now() - stats.mtimeMs < ms;
}

/** Our own pid in a lock we do not hold is a leftover of an earlier process that had the same pid. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function inUse(dataDir: string, path: string, holder: Holder | null): DataDirInUseError {
  const who = holder ? `process ${holder.pid} (since ${holder.startedAt})` : "another process";
  return new DataDirInUseError(
    `The embedded database in ${dataDir} is in use by ${who}. PGlite serves one process at a time: ` +
      "stop the other process, use another LATCH_DATA_DIR, or set DATABASE_URL to a PostgreSQL server. " +
      `If no such process exists, delete ${path}.`,
  );
}

function releaseSync(path: string, token: string): void {
  try {
    const holder = JSON.parse(readFileSync(path, "utf8")) as Partial<Holder>;
    if (holder.token === token) unlinkSync(path);
  } catch {
    // Nothing to release.
  }
}
