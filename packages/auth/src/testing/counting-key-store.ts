import type { KeyStore } from "../ports/key-store";

type KeyStoreMethod = keyof KeyStore;

type KeyStoreCallCounts = Readonly<Record<KeyStoreMethod | "total", number>>;

export interface CountingKeyStore extends KeyStore {
  /** Calls since creation or the last reset, per method and in total (a snapshot). */
  readonly calls: KeyStoreCallCounts;
  reset(): void;
}

const zero = (): Record<KeyStoreMethod | "total", number> => ({
  get: 0,
  getMany: 0,
  set: 0,
  getAndDelete: 0,
  delete: 0,
  increment: 0,
  total: 0,
});

/**
 * Wraps a store to count its calls, for tests that budget round trips. A
 * call counts when it is made, whether or not it succeeds: a failed request
 * still cost one.
 */
export function createCountingKeyStore(inner: KeyStore): CountingKeyStore {
  let counts = zero();
  const count = (method: KeyStoreMethod) => {
    counts[method] += 1;
    counts.total += 1;
  };

  return {
    get calls() {
      return { ...counts };
    },
    reset() {
      counts = zero();
    },
    get(key) {
      count("get");
      return inner.get(key);
    },
    getMany(keys) {
      count("getMany");
      return inner.getMany(keys);
    },
    set(key, value, ttlSeconds) {
      count("set");
      return inner.set(key, value, ttlSeconds);
    },
    getAndDelete(key) {
      count("getAndDelete");
      return inner.getAndDelete(key);
    },
    delete(key) {
      count("delete");
      return inner.delete(key);
    },
    increment(key, ttlSeconds) {
      count("increment");
      return inner.increment(key, ttlSeconds);
    },
  };
}
