import type { RateDecision, RateLimiter, RateRule } from "@latch/auth";
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";

export interface UpstashRateLimiterOptions {
  redis: Redis;
  /** Prepended to every bucket, as the key store's prefix is. */
  prefix?: string;
  /** A limiter that has not answered by then counts as down (the caller refuses). */
  timeoutMs: number;
}

export class RateLimiterUnavailableError extends Error {
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

/**
 * Limits on @upstash/ratelimit's sliding window (one Lua script per take, so
 * counting and deciding are one atomic step in Redis). The library lets a
 * request through when Redis is slow (its `timeout` fails open); here that
 * timeout is off and our own deadline rejects instead, so the domain refuses.
 */
export function createUpstashRateLimiter(options: UpstashRateLimiterOptions): RateLimiter {
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (rule: RateRule) => {
    const name = `${rule.name}:${rule.limit}:${rule.windowSeconds}`;
    let limiter = limiters.get(name);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: options.redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
        prefix: `${options.prefix ?? ""}ratelimit:${name}`,
        timeout: 0,
        analytics: false,
        // The in-process cache of blocked identifiers would answer for a bucket
        // after a refund; Redis stays the only truth.
        ephemeralCache: false,
      });
      limiters.set(name, limiter);
    }
    return limiter;
  };

  return {
    async take(rule, identifier): Promise<RateDecision> {
      const result = await withDeadline(limiterFor(rule).limit(identifier), options.timeoutMs);
      if (result.success) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)),
      };
    },

    async refund(rule, identifier) {
      await withDeadline(limiterFor(rule).limit(identifier, { rate: -1 }), options.timeoutMs);
    },
  };
}
