import type { KeyStore } from "../ports/key-store";

/**
 * The domain tests' key store: a map on the test's own clock, so a test moves
 * time by hand and keys expire exactly when it says. Every method completes
 * without awaiting, so each is atomic like one Redis command.
 */
export function createFakeKeyStore(now: () => number): KeyStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const read = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entries.get(key)?.value ?? null;
  };
  const write = (key: string, value: string, ttlSeconds: number) => {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
      throw new RangeError(`TTL must be a positive whole number of seconds, got ${ttlSeconds}`);
    }
    entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
  };
  return {
    get: async (key) => read(key),
    getMany: async (keys) => keys.map(read),
    set: async (key, value, ttlSeconds) => write(key, value, ttlSeconds),
    async getAndDelete(key) {
      const value = read(key);
      entries.delete(key);
      return value;
    },
    delete: async (key) => {
      entries.delete(key);
    },
    async increment(key, ttlSeconds) {
      const current = read(key);
      if (current !== null && !/^-?\d+$/.test(current)) {
        throw new TypeError(`${key} does not hold an integer`);
      }
      const count = (current === null ? 0 : Number(current)) + 1;
      if (current === null) write(key, String(count), ttlSeconds);
      else entries.set(key, { value: String(count), expiresAt: entries.get(key)?.expiresAt ?? 0 });
      return count;
    },
  };
}
