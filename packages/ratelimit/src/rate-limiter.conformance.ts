import type { RateLimiter, RateRule } from "@latch/auth";
import { describe, expect, it } from "vitest";

let counter = 0;
/** A rule no other test shares, so suites can run against one Redis. */
const freshRule = (limit: number, windowSeconds = 60): RateRule => ({
  name: `conformance-${Date.now()}-${counter++}`,
  limit,
  windowSeconds,
});

/**
 * The RateLimiter contract, run against every adapter (in-process and
 * Upstash on real Redis). `make` gets a clock when a test moves time by
 * hand; the others run on real time.
 */
export function rateLimiterConformance(name: string, make: (now?: () => number) => RateLimiter) {
  describe(`${name} (RateLimiter contract)`, () => {
    it("never lets more than `limit` through in a burst that straddles two windows", async () => {
      // The previous window's count is weighted by how much of it still
      // overlaps; rounding that weight down let one extra request through at
      // every window boundary.
      const windowMs = 60_000;
      let now = (Math.floor(Date.now() / windowMs) + 1) * windowMs - 1;
      const limiter = make(() => now);
      const rule = freshRule(30);
      const decisions = [];
      for (let i = 0; i < 20; i++) decisions.push(await limiter.take(rule, "straddling"));
      now += 2;
      const after = await Promise.all(
        Array.from({ length: 20 }, () => limiter.take(rule, "straddling")),
      );
      decisions.push(...after);
      expect(decisions.filter((d) => d.allowed)).toHaveLength(30);
    });

    it("takes a refund from the previous window when the current one has none", async () => {
      const windowMs = 60_000;
      let now = (Math.floor(Date.now() / windowMs) + 1) * windowMs - 1;
      const limiter = make(() => now);
      const rule = freshRule(2);
      await limiter.take(rule, "refund-late");
      await limiter.take(rule, "refund-late");
      now += 2;
      await limiter.refund(rule, "refund-late");
      const decisions = [];
      for (let i = 0; i < 3; i++) decisions.push((await limiter.take(rule, "refund-late")).allowed);
      expect(decisions).toEqual([true, false, false]);
    });

    it("allows exactly `limit` takes, then refuses with a Retry-After within the window", async () => {
      const limiter = make();
      const rule = freshRule(3);
      const decisions = [];
      for (let i = 0; i < 5; i++) decisions.push(await limiter.take(rule, "client-a"));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
      const refused = decisions[3];
      if (refused?.allowed !== false) throw new Error("expected a refusal");
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    });

    it("never lets more than `limit` of 30 parallel takes through", async () => {
      const limiter = make();
      const rule = freshRule(10);
      const decisions = await Promise.all(
        Array.from({ length: 30 }, () => limiter.take(rule, "client-b")),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    });

    it("keeps identifiers and rules apart", async () => {
      const limiter = make();
      const rule = freshRule(1);
      const other = freshRule(1);
      expect((await limiter.take(rule, "one")).allowed).toBe(true);
      expect((await limiter.take(rule, "one")).allowed).toBe(false);
      expect((await limiter.take(rule, "two")).allowed).toBe(true);
      expect((await limiter.take(other, "one")).allowed).toBe(true);
    });

    it("gives a refunded token back", async () => {
      const limiter = make();
      const rule = freshRule(2);
      await limiter.take(rule, "refunded");
      await limiter.take(rule, "refunded");
      expect((await limiter.take(rule, "refunded")).allowed).toBe(false);
      await limiter.refund(rule, "refunded");
      expect((await limiter.take(rule, "refunded")).allowed).toBe(true);
      expect((await limiter.take(rule, "refunded")).allowed).toBe(false);
    });

    it("allows again once the window has slid past", async () => {
      const limiter = make();
      const rule = freshRule(1, 1);
      expect((await limiter.take(rule, "patient")).allowed).toBe(true);
      expect((await limiter.take(rule, "patient")).allowed).toBe(false);
      // Two windows: after one, the previous window still weighs in.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await limiter.take(rule, "patient")).allowed).toBe(true);
    });
  });
}
