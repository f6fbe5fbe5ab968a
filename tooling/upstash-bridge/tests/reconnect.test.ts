import { randomBytes } from "node:crypto";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnRedis, startOwnRedis, startUpstashBridge, type UpstashBridge } from "../src";

/**
 * The bridge in front of a redis-server of its own, which these tests kill,
 * freeze and restart, through the real @upstash/redis client.
 */
const token = randomBytes(16).toString("hex");
let own: OwnRedis;
let bridge: UpstashBridge;

const clientOf = (url: string) =>
  new Redis({ url, token, automaticDeserialization: false, enableTelemetry: false });

beforeAll(async () => {
  own = await startOwnRedis();
  bridge = await startUpstashBridge({ redisUrl: own.url, token });
});

afterAll(async () => {
  own?.thaw();
  await bridge?.close();
  await own?.stop();
});

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Retries until `work` succeeds; how long that took. */
async function timeUntilWorks(work: () => Promise<unknown>, deadlineMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      await work();
      return performance.now() - started;
    } catch (error) {
      if (performance.now() - started > deadlineMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe("the Upstash bridge when Redis goes away", () => {
  it("answers every request with an error within a second while Redis is down, and recovers by itself", async () => {
    const redis = clientOf(bridge.url);
    await redis.set("reconnect:k", "before");
    expect(await redis.get("reconnect:k")).toBe("before");

    await own.stop();
    const failures: number[] = [];
    for (let i = 0; i < 5; i++) {
      failures.push(
        await timed(() => expect(redis.get("reconnect:k")).rejects.toThrow(/unavailable/)),
      );
    }
    failures.push(
      await timed(() => expect(redis.pipeline().get("a").incr("b").exec()).rejects.toThrow()),
      await timed(() => expect(redis.multi().get("a").incr("b").exec()).rejects.toThrow()),
    );
    const raw = await fetch(bridge.url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: '["ping"]',
    });
    expect(raw.status).toBe(503);
    expect(await raw.json()).toEqual({
      error: expect.stringMatching(/^ERR Redis at .* is unavailable/),
    });
    expect(Math.max(...failures)).toBeLessThan(1000);

    await own.start();
    const recovery = await timeUntilWorks(() => redis.set("reconnect:k", "after"), 5000);
    expect(recovery).toBeLessThan(2000);
    expect(await redis.get("reconnect:k")).toBe("after");
    console.info(
      `bridge down: slowest error ${Math.max(...failures).toFixed(0)} ms; recovered ${recovery.toFixed(0)} ms after redis-server listened`,
    );
  });

  it("answers 503 within the command timeout when Redis hangs, and serves again once it answers", async () => {
    const redis = clientOf(bridge.url);
    await redis.set("reconnect:hung", "1");
    own.freeze();
    try {
      const hung = await timed(() =>
        expect(redis.get("reconnect:hung")).rejects.toThrow(/unavailable.*timed out/i),
      );
      expect(hung).toBeGreaterThanOrEqual(900);
      expect(hung).toBeLessThan(1500);
      console.info(`bridge on a hung Redis: error after ${hung.toFixed(0)} ms`);
    } finally {
      own.thaw();
    }
    expect(await timeUntilWorks(() => redis.get("reconnect:hung"), 3000)).toBeLessThan(3000);
  });
});

describe("the Upstash bridge started before Redis", () => {
  it("starts while Redis is down, answers 503, and serves once Redis appears", async () => {
    const late = await startOwnRedis();
    await late.stop();
    const early = await startUpstashBridge({ redisUrl: late.url, token });
    try {
      const redis = clientOf(early.url);
      const refused = await timed(() => expect(redis.ping()).rejects.toThrow(/unavailable/));
      expect(refused).toBeLessThan(1000);
      await late.start();
      const recovery = await timeUntilWorks(() => redis.ping(), 5000);
      expect(recovery).toBeLessThan(2000);
      expect(await redis.ping()).toBe("PONG");
    } finally {
      await early.close();
      await late.stop();
    }
  });
});
