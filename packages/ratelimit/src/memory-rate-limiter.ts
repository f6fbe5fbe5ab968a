import type { RateDecision, RateLimiter, RateRule } from "@latch/auth";

export interface MemoryRateLimiterOptions {
  /** Current time in milliseconds; tests pass a clock they move by hand. */
  now?: () => number;
}

const bucketName = (rule: RateRule, identifier: string, window: number) =>
  `${rule.name}:${rule.limit}:${rule.windowSeconds}:${identifier}:${window}`;

const SWEEP_EVERY_WRITES = 1024;

/**
 * The development limiter: one process, nothing persisted. The same sliding
 * window as the Upstash adapter's (the previous window's count weighted by how
 * much of it still overlaps, rounded up), so both adapters answer alike. Each
 * call runs to completion without awaiting, which makes it atomic in one process.
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const counts = new Map<string, { count: number; expiresAt: number }>();
  let writes = 0;

  const read = (name: string, at: number) => {
    const entry = counts.get(name);
    if (!entry || entry.expiresAt <= at) return 0;
    return entry.count;
  };
  const add = (name: string, by: number, at: number, windowMs: number) => {
    const entry = counts.get(name);
    if (entry && entry.expiresAt > at) entry.count += by;
    else counts.set(name, { count: by, expiresAt: at + 2 * windowMs });
    if (++writes % SWEEP_EVERY_WRITES === 0) {
      for (const [key, value] of counts) if (value.expiresAt <= at) counts.delete(key);
    }
  };

  return {
    async take(rule, identifier): Promise<RateDecision> {
      const at = now();
      const windowMs = rule.windowSeconds * 1000;
      const current = Math.floor(at / windowMs);
      const overlap = 1 - (at % windowMs) / windowMs;
      const previous = Math.ceil(overlap * read(bucketName(rule, identifier, current - 1), at));
      const used = read(bucketName(rule, identifier, current), at) + previous;
      if (used >= rule.limit) {
        const reset = (current + 1) * windowMs;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((reset - at) / 1000)) };
      }
      add(bucketName(rule, identifier, current), 1, at, windowMs);
      return { allowed: true };
    },

    async refund(rule, identifier) {
      const at = now();
      const windowMs = rule.windowSeconds * 1000;
      const current = Math.floor(at / windowMs);
      // A take from just before the boundary is refunded where it was counted.
      const from =
        read(bucketName(rule, identifier, current), at) > 0
          ? current
          : read(bucketName(rule, identifier, current - 1), at) > 0
            ? current - 1
            : undefined;
      if (from !== undefined) add(bucketName(rule, identifier, from), -1, at, windowMs);
    },
  };
}
