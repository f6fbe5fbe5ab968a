import type { KeyStore } from "@latch/auth/ports";
import { assertTtlSeconds } from "./ttl";

export interface MemoryKeyStoreOptions {
  /** Current time in milliseconds; tests pass a clock they move by hand. */
  now?: () => number;
  /** Prepended to every key, as the Upstash store does. */
  prefix?: string;
}

export interface MemoryKeyStore extends KeyStore {
  /** Entries held right now, expired ones not yet swept included (for tests and diagnostics). */
  readonly size: number;
}

interface Entry {
  value: string;
  /** Epoch milliseconds; the entry is gone from this instant on. */
  expiresAt: number;
}

// Small stores are not rescanned on every write; large ones are rescanned
// once per "their own size" writes, which keeps the cost O(1) per write.
const MIN_WRITES_BETWEEN_SWEEPS = 1024;

const INTEGER = /^-?\d+$/;

/**
 * The development store: one process, nothing persisted. Every method runs to
 * completion without awaiting, so each one is atomic just as a single Redis
 * command is (two getAndDelete calls can never both see the value).
 */
export function createMemoryKeyStore(options: MemoryKeyStoreOptions = {}): MemoryKeyStore {
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? "";
  const entries = new Map<string, Entry>();
  let writesSinceSweep = 0;
  let writesBeforeNextSweep = MIN_WRITES_BETWEEN_SWEEPS;

  const sweep = () => {
    const at = now();
    for (const [name, entry] of entries) {
      if (entry.expiresAt <= at) entries.delete(name);
    }
    writesSinceSweep = 0;
    // Sweeping again after as many writes as there are live entries bounds
    // the map to about twice the live set, however many keys simply expire.
    writesBeforeNextSweep = Math.max(MIN_WRITES_BETWEEN_SWEEPS, entries.size);
  };

  const write = (name: string, value: string, ttlSeconds: number) => {
    entries.set(name, { value, expiresAt: now() + ttlSeconds * 1000 });
    writesSinceSweep += 1;
    if (writesSinceSweep >= writesBeforeNextSweep) sweep();
  };

  /** The entry if it is still alive; an expired one is dropped on sight. */
  const live = (name: string): Entry | undefined => {
    const entry = entries.get(name);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(name);
      return undefined;
    }
    return entry;
  };

  return {
    get size() {
      return entries.size;
    },

    async get(key) {
      return live(prefix + key)?.value ?? null;
    },

    async getMany(keys) {
      return keys.map((key) => live(prefix + key)?.value ?? null);
    },

    async set(key, value, ttlSeconds) {
      assertTtlSeconds(ttlSeconds);
      write(prefix + key, value, ttlSeconds);
    },

    async getAndDelete(key) {
      const name = prefix + key;
      const entry = live(name);
      if (entry === undefined) return null;
      entries.delete(name);
      return entry.value;
    },

    async delete(key) {
      entries.delete(prefix + key);
    },

    async increment(key, ttlSeconds) {
      assertTtlSeconds(ttlSeconds);
      const name = prefix + key;
      const entry = live(name);
      if (entry === undefined) {
        write(name, "1", ttlSeconds);
        return 1;
      }
      // Same rule as Redis INCR: only a decimal integer can be counted.
      const current = INTEGER.test(entry.value) ? Number(entry.value) : Number.NaN;
      if (!Number.isSafeInteger(current + 1)) {
        throw new TypeError(`cannot increment "${key}": its value is not an integer`);
      }
      // The window keeps the expiry set when the counter was created.
      entry.value = String(current + 1);
      return current + 1;
    },
  };
}
