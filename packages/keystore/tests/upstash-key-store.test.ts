import { randomBytes, randomUUID } from "node:crypto";
import type { KeyStore } from "@latch/auth";
import { describeKeyStoreConformance } from "@latch/auth/testing";
import { startUpstashBridge, type UpstashBridge } from "@latch/upstash-bridge";
import { Redis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deleteKeysUnder } from "../../../scripts/test/redis-keys";
import { testServices } from "../../../scripts/test/services";
import { createUpstashKeyStore } from "../src/upstash-key-store";

/**
 * The Upstash store through the real @upstash/redis client, over HTTP to the
 * bridge, on real Redis. Every key lives under a prefix unique to this run.
 */
const token = randomBytes(16).toString("hex");
const runPrefix = `latch-test:keystore:${randomUUID()}:`;
let bridge: UpstashBridge;
let direct: IORedis;

const client = (automaticDeserialization = false) =>
  new Redis({ url: bridge.url, token, automaticDeserialization, enableTelemetry: false });

beforeAll(async () => {
  bridge = await startUpstashBridge({ redisUrl: testServices.redisUrl, token });
  direct = new IORedis(testServices.redisUrl);
});

afterAll(async () => {
  await deleteKeysUnder(direct, runPrefix);
  await direct?.quit();
  await bridge?.close();
});

let harnesses = 0;
describeKeyStoreConformance("the Upstash store (bridge, real Redis)", async () => {
  const scope = `${runPrefix}${++harnesses}:`;
  const redis = client();
  return {
    store: createUpstashKeyStore({ redis, prefix: `${scope}main:` }),
    withPrefix: (prefix) => createUpstashKeyStore({ redis, prefix: `${scope}${prefix}` }),
    cleanup: () => deleteKeysUnder(direct, scope),
  };
});

describe("the Upstash store", () => {
  const prefix = `${runPrefix}specific:`;

  it("makes exactly one HTTP request per call, whatever the method", async () => {
    const store = createUpstashKeyStore({ redis: client(), prefix });
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const calls: [string, (keys: KeyStore) => Promise<unknown>][] = [
      ["set", (keys) => keys.set("budget", "v", 60)],
      ["get", (keys) => keys.get("budget")],
      ["getAndDelete", (keys) => keys.getAndDelete("budget")],
      ["delete", (keys) => keys.delete("budget")],
      ["increment (new counter)", (keys) => keys.increment("budget-n", 60)],
      ["increment (existing counter)", (keys) => keys.increment("budget-n", 60)],
    ];
    try {
      for (const [label, call] of calls) {
        fetchSpy.mockClear();
        await call(store);
        expect(fetchSpy, label).toHaveBeenCalledTimes(1);
      }
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it("stores values verbatim under its prefix, with the TTL it was given", async () => {
    const store = createUpstashKeyStore({ redis: client(), prefix });
    await store.set("verbatim", '{"a":1}', 120);
    expect(await direct.get(`${prefix}verbatim`)).toBe('{"a":1}');
    const ttl = await direct.ttl(`${prefix}verbatim`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it("sets a counter's TTL when it is created and never moves it afterwards", async () => {
    const store = createUpstashKeyStore({ redis: client(), prefix });
    await store.increment("fixed-window", 300);
    await store.increment("fixed-window", 5);
    expect(await direct.ttl(`${prefix}fixed-window`)).toBeGreaterThan(290);
  });

  it("gives a counter that somehow lost its TTL a new one instead of keeping it forever", async () => {
    const store = createUpstashKeyStore({ redis: client(), prefix });
    await direct.set(`${prefix}immortal`, "4");
    expect(await store.increment("immortal", 60)).toBe(5);
    expect(await direct.ttl(`${prefix}immortal`)).toBeGreaterThan(50);
  });

  it("refuses a client left with automatic deserialization rather than return a parsed value", async () => {
    const store = createUpstashKeyStore({ redis: client(true), prefix });
    await store.set("parsed", "123", 60);
    await expect(store.get("parsed")).rejects.toThrow(/automaticDeserialization: false/);
    await expect(store.getAndDelete("parsed")).rejects.toThrow(/automaticDeserialization/);
  });
});
