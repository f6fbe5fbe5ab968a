import type { RateLimiter } from "../ports/rate-limiter";

/**
 * A fixed-window limiter for the domain's unit tests, on the test's own
 * clock: simple enough to reason about exactly in a test. Production uses
 * @latch/ratelimit's sliding-window adapters, which share one contract suite.
 */
export function createFixedWindowLimiter(now: () => number): RateLimiter & {
  /** Takes made so far (refunds not subtracted), for budget assertions. */
  readonly takes: number;
} {
  const counts = new Map<string, number>();
  let takes = 0;
  const bucket = (name: string, windowSeconds: number, identifier: string) => {
    const window = Math.floor(now() / (windowSeconds * 1000));
    return { key: `${name}:${identifier}:${window}`, endsAt: (window + 1) * windowSeconds * 1000 };
  };
  return {
    get takes() {
      return takes;
    },
    async take(rule, identifier) {
      takes++;
      const { key, endsAt } = bucket(rule.name, rule.windowSeconds, identifier);
      const used = counts.get(key) ?? 0;
      if (used >= rule.limit) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now()) / 1000)),
        };
      }
      counts.set(key, used + 1);
      return { allowed: true };
    },
    async refund(rule, identifier) {
      const { key } = bucket(rule.name, rule.windowSeconds, identifier);
      counts.set(key, (counts.get(key) ?? 0) - 1);
    },
  };
}
