import { randomBytes } from "node:crypto";
import { Redis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnRedis, startOwnRedis, startUpstashBridge, type UpstashBridge } from "../src";

/**
 * Subscriptions through the real @upstash/redis client's subscribe() and
 * psubscribe(), which speak server-sent events, on a redis-server of the
 * test's own (one test restarts it).
 */
const token = randomBytes(16).toString("hex");
const connectionName = `latch-bridge-sse-${randomBytes(4).toString("hex")}`;
let own: OwnRedis;
let bridge: UpstashBridge;
let client: Redis;

beforeAll(async () => {
  own = await startOwnRedis();
  bridge = await startUpstashBridge({ redisUrl: own.url, token, connectionName });
  client = new Redis({ url: bridge.url, token, enableTelemetry: false });
});

afterAll(async () => {
  await bridge?.close();
  await own?.stop();
});

/** Polls until `check` holds; a check that throws counts as not yet. */
async function eventually(check: () => boolean | Promise<boolean>, deadlineMs = 3000) {
  const until = Date.now() + deadlineMs;
  const holds = async () => {
    try {
      return await check();
    } catch {
      return false;
    }
  };
  while (!(await holds())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Subscriber connections the bridge holds open in Redis, by CLIENT LIST. */
async function subscriberConnections(): Promise<number> {
  const direct = new IORedis(own.url, { lazyConnect: true });
  try {
    await direct.connect();
    const list = (await direct.client("LIST")) as string;
    return list.split("\n").filter((line) => line.includes(`name=${connectionName}:subscriber`))
      .length;
  } finally {
    direct.disconnect();
  }
}

describe("the Upstash bridge's subscriptions", () => {
  it("delivers a PUBLISH to a subscribe() subscriber, and unsubscribing closes its Redis connection", async () => {
    const subscriber = client.subscribe<string>("news");
    const messages: unknown[] = [];
    subscriber.on("message", (event) => messages.push(event));
    const counts: number[] = [];
    subscriber.on("subscribe", (count) => counts.push(count));
    await eventually(() => counts.length === 1);
    expect(counts).toEqual([1]);
    expect(bridge.openSubscriptions()).toBe(1);
    expect(await subscriberConnections()).toBe(1);

    expect(await client.publish("news", "hello")).toBe(1);
    expect(await client.publish("news", { kind: "json" })).toBe(1);
    await eventually(() => messages.length === 2);
    expect(messages).toEqual([
      { channel: "news", message: "hello" },
      { channel: "news", message: { kind: "json" } },
    ]);

    await subscriber.unsubscribe();
    await eventually(() => bridge.openSubscriptions() === 0);
    await eventually(async () => (await subscriberConnections()) === 0);
    expect(await client.publish("news", "nobody listens")).toBe(0);
  });

  it("delivers to a psubscribe() subscriber with the pattern and the channel", async () => {
    const subscriber = client.psubscribe<string>("user:*");
    const messages: unknown[] = [];
    subscriber.on("pmessage", (event) => messages.push(event));
    await eventually(() => bridge.openSubscriptions() === 1);
    // The client JSON-parses pmessage payloads strictly (plain messages leniently), so send JSON.
    expect(await client.publish("user:42", { event: "signed in" })).toBe(1);
    await eventually(() => messages.length === 1);
    expect(messages).toEqual([
      { pattern: "user:*", channel: "user:42", message: { event: "signed in" } },
    ]);
    await subscriber.unsubscribe();
    await eventually(async () => (await subscriberConnections()) === 0);
  });

  it("streams the documented event lines, and refuses a wrong token before subscribing", async () => {
    const refused = await fetch(`${bridge.url}/subscribe/raw`, {
      method: "POST",
      headers: { accept: "text/event-stream", authorization: "Bearer nope" },
    });
    expect(refused.status).toBe(401);
    expect(await subscriberConnections()).toBe(0);

    const controller = new AbortController();
    const response = await fetch(`${bridge.url}/subscribe/raw`, {
      method: "POST",
      headers: { accept: "text/event-stream", authorization: `Bearer ${token}` },
      body: "[]",
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (marker: string) => {
      while (!text.includes(marker)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${marker}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil("\n\n");
    expect(text).toBe("data: subscribe,raw,1\n\n");
    await client.publish("raw", "a,b with commas");
    await readUntil("commas");
    expect(text).toBe("data: subscribe,raw,1\n\ndata: message,raw,a,b with commas\n\n");
    controller.abort();
    await eventually(() => bridge.openSubscriptions() === 0);
  });

  it("ends an open stream, after an unsubscribe event, when Redis restarts, and takes new subscriptions after", async () => {
    const subscriber = client.subscribe<string>("restart");
    const unsubscribed: number[] = [];
    subscriber.on("unsubscribe", (count) => unsubscribed.push(count));
    const raw = await fetch(`${bridge.url}/psubscribe/restart*`, {
      method: "POST",
      headers: { accept: "text/event-stream", authorization: `Bearer ${token}` },
    });
    await eventually(() => bridge.openSubscriptions() === 2);

    await own.stop();
    // The raw stream must end (a reader sees done), not stay open and silent.
    const rest = await raw.text();
    expect(rest).toBe("data: psubscribe,restart*,1\n\ndata: punsubscribe,restart*,0\n\n");
    await eventually(() => unsubscribed.length === 1);
    expect(unsubscribed).toEqual([0]);
    expect(bridge.openSubscriptions()).toBe(0);

    // While Redis is down a new subscription is refused with 503, surfaced by the client as an error.
    const refused = await fetch(`${bridge.url}/subscribe/restart`, {
      method: "POST",
      headers: { accept: "text/event-stream", authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/unavailable/) });
    expect(bridge.openSubscriptions()).toBe(0);

    await own.start();
    const again = client.subscribe<string>("restart");
    const messages: unknown[] = [];
    again.on("message", (event) => messages.push(event));
    await eventually(() => bridge.openSubscriptions() === 1);
    await eventually(async () => (await client.publish("restart", "back")) === 1, 5000);
    await eventually(() => messages.length === 1);
    expect(messages).toEqual([{ channel: "restart", message: "back" }]);
    await again.unsubscribe();
    await subscriber.unsubscribe();
    await eventually(() => bridge.openSubscriptions() === 0);
  });
});
