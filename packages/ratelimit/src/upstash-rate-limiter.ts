import type { RateDecision, RateLimiter, RateRule } from "@latch/auth";
import type { Redis } from "@upstash/redis";

export interface UpstashRateLimiterOptions {
  redis: Redis;
  /** Prepended to every bucket, as the key store's prefix is. */
  prefix?: string;
  /** A limiter that has not answered by then counts as down (the caller refuses). */
  timeoutMs: number;
  /** Current time in milliseconds; tests pass a clock they move by hand. */
  now?: () => number;
}

class RateLimiterUnavailableError extends Error {
  override readonly name = "RateLimiterUnavailableError";
}

function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RateLimiterUnavailableError(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

// @upstash/ratelimit's sliding window rounds the previous window's weighted
// count down, which lets one request more than the limit through in a burst
// across a window boundary. This is the same window, rounded up, so a limit
// holds exactly; counting and deciding stay one atomic step in Redis.
const TAKE = `
local counted = tonumber(redis.call("GET", KEYS[1]) or "0")
local previous = tonumber(redis.call("GET", KEYS[2]) or "0")
local limit = tonumber(ARGV[1])
local overlap = tonumber(ARGV[2])
local windowMs = tonumber(ARGV[3])
if counted + math.ceil(overlap * previous) >= limit then return 0 end
if redis.call("INCR", KEYS[1]) == 1 then redis.call("PEXPIRE", KEYS[1], windowMs * 2 + 1000) end
return 1
`;

// A take from just before the boundary is refunded from the window that counted it.
const REFUND = `
if tonumber(redis.call("GET", KEYS[1]) or "0") > 0 then return redis.call("DECR", KEYS[1]) end
if tonumber(redis.call("GET", KEYS[2]) or "0") > 0 then return redis.call("DECR", KEYS[2]) end
return 0
`;

/**
 * Limits on a sliding window in Redis: the current window's count plus the
 * previous window's, weighted by how much of it still overlaps. The deadline
 * rejects rather than letting a request through when Redis is slow, so the
 * domain refuses.
 */
export function createUpstashRateLimiter(options: UpstashRateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const take = options.redis.createScript<number>(TAKE);
  const refund = options.redis.createScript<number>(REFUND);
  const buckets = (rule: RateRule, identifier: string, at: number) => {
    const windowMs = rule.windowSeconds * 1000;
    const current = Math.floor(at / windowMs);
    const name = `${options.prefix ?? ""}ratelimit:${rule.name}:${rule.limit}:${rule.windowSeconds}:${identifier}`;
    return {
      windowMs,
      current,
      keys: [`${name}:${current}`, `${name}:${current - 1}`],
      overlap: 1 - (at % windowMs) / windowMs,
    };
  };

  return {
    async take(rule, identifier): Promise<RateDecision> {
      const at = now();
      const { windowMs, current, keys, overlap } = buckets(rule, identifier, at);
      const allowed = await withDeadline(
        take.exec(keys, [String(rule.limit), String(overlap), String(windowMs)]),
        options.timeoutMs,
      );
      if (Number(allowed) === 1) return { allowed: true };
      const reset = (current + 1) * windowMs;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((reset - at) / 1000)) };
    },

    async refund(rule, identifier) {
      await withDeadline(refund.exec(buckets(rule, identifier, now()).keys, []), options.timeoutMs);
    },
  };
}
