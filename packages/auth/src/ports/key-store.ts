/**
 * The short-lived key/value store Latch keeps activation keys, revocation marks and
 * counters in. Shaped after Better Auth's SecondaryStorage: every operation is
 * a single round trip and atomic on its own, so callers can count and budget
 * them. Values are opaque strings; TTLs are whole seconds (> 0).
 */
export interface KeyStore {
  get(key: string): Promise<string | null>;
  /** Several gets in one round trip (MGET): the values in the keys' order, null where missing. */
  getMany(keys: string[]): Promise<(string | null)[]>;
  /** Stores `value`, replacing any previous value and its TTL. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Returns the value and removes it in one atomic step: of two concurrent callers, exactly one sees it. */
  getAndDelete(key: string): Promise<string | null>;
  delete(key: string): Promise<void>;
  /** Adds one and returns the new count; the TTL is set only when the counter is created (fixed window). */
  increment(key: string, ttlSeconds: number): Promise<number>;
}
