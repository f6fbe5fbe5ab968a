import { readFile, unlink, writeFile } from "node:fs/promises";
import lockfile from "proper-lockfile";

/** Thrown when another live process (or this one) already serves the data directory. */
export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

/**
 * proper-lockfile refreshes the lock's mtime every UPDATE_MS; a lock not
 * refreshed for STALE_MS belongs to a process that died (kill -9) and is
 * taken over. Startup waits that long for a dying holder before giving up.
 */
const STALE_MS = 5000;
const UPDATE_MS = 1000;

const heldHere = new Set<string>();

/**
 * PGlite has no postmaster.pid: two processes opening one data directory
 * both succeed and then corrupt it. The lock (a directory next to the data
 * directory, so PGlite's initdb sees an untouched folder) is proper-lockfile's;
 * a note beside it names the owner for the refusal message.
 */
export async function lockDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  const lockPath = `${dataDir}.lock`;
  if (heldHere.has(lockPath)) {
    throw new DataDirInUseError(
      `The embedded database in ${dataDir} is already open in this process`,
    );
  }
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: STALE_MS,
      update: UPDATE_MS,
      retries: { retries: Math.ceil((STALE_MS * 1.5) / 500), minTimeout: 500, maxTimeout: 500 },
      // Lost the lock while serving (the file was removed, the clock jumped): stop rather than corrupt.
      onCompromised: (error) => {
        console.error(`[latch] lost the lock on ${dataDir}: ${error.message}`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    throw inUse(dataDir, lockPath, await readOwner(lockPath));
  }
  heldHere.add(lockPath);
  const owner = { pid: process.pid, startedAt: new Date().toISOString() };
  await writeFile(ownerPath(lockPath), JSON.stringify(owner)).catch(() => undefined);
  return {
    async release() {
      heldHere.delete(lockPath);
      await unlink(ownerPath(lockPath)).catch(() => undefined);
      await release();
    },
  };
}

const ownerPath = (lockPath: string) => `${lockPath}-owner.json`;

async function readOwner(lockPath: string): Promise<{ pid: number; startedAt: string } | null> {
  try {
    const owner = JSON.parse(await readFile(ownerPath(lockPath), "utf8"));
    return typeof owner?.pid === "number" ? owner : null;
  } catch {
    return null;
  }
}

function inUse(
  dataDir: string,
  lockPath: string,
  owner: { pid: number; startedAt: string } | null,
): DataDirInUseError {
  const who = owner ? `process ${owner.pid} (since ${owner.startedAt})` : "another process";
  return new DataDirInUseError(
    `The embedded database in ${dataDir} is in use by ${who}. PGlite serves one process at a time: ` +
      "stop the other process, use another LATCH_DATA_DIR, or set DATABASE_URL to a PostgreSQL server. " +
      `If no such process exists, wait ${STALE_MS / 1000} s or delete ${lockPath}.`,
  );
}
