import { describe, expect, it } from "vitest";
import { createMemoryRateLimiter } from "./memory-rate-limiter";
import { rateLimiterConformance } from "./rate-limiter.conformance";

rateLimiterConformance("in-process rate limiter", (now) => createMemoryRateLimiter({ now }));

describe("in-process rate limiter on a hand-moved clock", () => {
  it("weighs the previous window by how much of it still overlaps", async () => {
    let now = 60_000 * 100;
    const limiter = createMemoryRateLimiter({ now: () => now });
    const rule = { name: "slide", limit: 10, windowSeconds: 60 };
    for (let i = 0; i < 10; i++) await limiter.take(rule, "x");
    now += 60_000 + 30_000; // half of the previous window still overlaps: 5 of 10 count
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push((await limiter.take(rule, "x")).allowed);
    expect(decisions).toEqual([true, true, true, true, true, false]);
  });

  it("says to retry when the current window ends", async () => {
    let now = 60_000 * 100 + 45_000;
    const limiter = createMemoryRateLimiter({ now: () => now });
    const rule = { name: "retry", limit: 1, windowSeconds: 60 };
    await limiter.take(rule, "x");
    expect(await limiter.take(rule, "x")).toEqual({ allowed: false, retryAfterSeconds: 15 });
    now += 1;
    expect(await limiter.take(rule, "x")).toEqual({ allowed: false, retryAfterSeconds: 15 });
  });
});
