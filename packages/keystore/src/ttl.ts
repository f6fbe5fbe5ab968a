/**
 * Both stores refuse the same TTLs up front so they cannot drift apart: Redis
 * rejects fractional seconds, and `EXPIRE key 0` deletes the key instead of
 * keeping it for "no time", which would silently reset a rate-limit counter.
 */
export function assertTtlSeconds(ttlSeconds: number): void {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a whole number of seconds above 0, got ${ttlSeconds}`);
  }
}
