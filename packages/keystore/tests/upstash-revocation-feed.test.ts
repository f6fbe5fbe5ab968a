import { randomBytes } from "node:crypto";
import { REVOCATIONS_INTACT_MARKER } from "@latch/auth";
import {
  type OwnRedis,
  startOwnRedis,
  startUpstashBridge,
  type UpstashBridge,
} from "@latch/upstash-bridge";
import { Redis } from "@upstash/redis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createUpstashRevocationFeed,
  type UpstashRevocationFeed,
} from "../src/upstash-revocation-feed";

/**
 * The feed on a redis-server of the test's own (tests restart, freeze and
 * flush it), behind the bridge, through the real @upstash/redis client: two
 * feeds are two servers.
 */
const token = randomBytes(16).toString("hex");
const accessTtlSeconds = 900;
const maxLagMs = 600;
let own: OwnRedis;
let bridge: UpstashBridge;
let prefix: string;
const feeds: UpstashRevocationFeed[] = [];

const client = () =>
  new Redis({
    url: bridge.url,
    token,
    automaticDeserialization: false,
    enableTelemetry: false,
    retry: false,
    signal: () => AbortSignal.timeout(400),
  });

/** A server's feed; the key store it sits beside has vouched for a whole access lifetime. */
function startFeed() {
  const feed = createUpstashRevocationFeed({
    redis: client(),
    prefix,
    accessTtlSeconds,
    probeIntervalMs: 100,
    maxLagMs,
    connectTimeoutMs: 1000,
  });
  feeds.push(feed);
  feed.start();
  return feed;
}

/** Retried: right after a Redis restart the bridge may not have reconnected yet. */
async function vouchingStore() {
  const until = Date.now() + 5000;
  for (;;) {
    try {
      await client().set(
        `${prefix}${REVOCATIONS_INTACT_MARKER}`,
        String(Date.now() - accessTtlSeconds * 1000),
        { ex: 3600 },
      );
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function eventually(check: () => boolean, deadlineMs = 3000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > deadlineMs) throw new Error(`not within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

const at = () => new Date();
const inAnHour = () => new Date(Date.now() + 3_600_000);

beforeAll(async () => {
  own = await startOwnRedis();
  bridge = await startUpstashBridge({ redisUrl: own.url, token, commandTimeoutMs: 300 });
});

afterAll(async () => {
  await bridge?.close();
  await own?.stop();
});

beforeEach(async () => {
  prefix = `feed-${randomBytes(4).toString("hex")}:`;
  await vouchingStore();
});

afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.close()));
});

describe("the revocation feed on Redis pub/sub", () => {
  it("goes live, and a revocation announced on one server is known on another within a second", async () => {
    const one = startFeed();
    const two = startFeed();
    await eventually(() => one.state() === "live" && two.state() === "live");
    expect(two.lookup("s-ended", at())).toBe("not_revoked");
    await one.announce(["s-ended"], inAnHour());
    expect(one.lookup("s-ended", at())).toBe("revoked");
    const tookMs = await eventually(() => two.lookup("s-ended", at()) === "revoked", 1000);
    console.log(`[feed] a revocation reached the other server in ${tookMs} ms`);
    expect(two.lookup("s-other", at())).toBe("not_revoked");
  });

  it("knows, once live, what was revoked before it started", async () => {
    const earlier = startFeed();
    await earlier.announce(["s-before"], inAnHour());
    const late = startFeed();
    expect(late.lookup("s-fresh", at())).toBe("unsure");
    await eventually(() => late.state() === "live");
    expect(late.lookup("s-before", at())).toBe("revoked");
  });

  it("forgets a revocation once its tokens have expired", async () => {
    const one = startFeed();
    await one.announce(["s-brief"], new Date(Date.now() + 150));
    const late = startFeed();
    await eventually(() => late.state() === "live");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(late.lookup("s-brief", at())).toBe("not_revoked");
    expect(one.lookup("s-brief", at())).toBe("not_revoked");
  });

  it("stops vouching when Redis restarts, and catches up on what it missed before vouching again", async () => {
    const one = startFeed();
    const two = startFeed();
    await eventually(() => one.state() === "live" && two.state() === "live");
    await own.stop();
    // The stream ends with Redis: neither server vouches for anything now.
    await eventually(() => two.lookup("s-missed", at()) === "unsure", maxLagMs + 200);
    await own.start();
    // Redis came back empty: the store cannot vouch until a new marker has aged.
    await eventually(() => two.state() === "catching_up", 5000);
    expect(two.lookup("s-any", at())).toBe("unsure");
    await vouchingStore();
    await eventually(() => two.state() === "live", 3000);
    // Announced while the other server was away: its reload found it.
    await own.stop();
    await eventually(() => two.state() !== "live", maxLagMs + 200);
    await own.start();
    await vouchingStore();
    await eventually(() => one.state() === "live", 5000);
    await one.announce(["s-while-away"], inAnHour());
    await eventually(() => two.lookup("s-while-away", at()) === "revoked", 5000);
  });

  it("stops vouching within its lag bound when the stream goes silent (a hung Redis)", async () => {
    const one = startFeed();
    const two = startFeed();
    await eventually(() => one.state() === "live" && two.state() === "live");
    own.freeze();
    try {
      // Nothing published can arrive now; within maxLag neither server says "not revoked"
      // (each counts from the last probe it heard, so they may stop a few ms apart).
      const tookMs = await eventually(
        () =>
          two.lookup("s-unheard", at()) === "unsure" && one.lookup("s-unheard", at()) === "unsure",
        maxLagMs + 200,
      );
      console.log(`[feed] a silent stream stopped vouching after ${tookMs} ms`);
    } finally {
      own.thaw();
    }
    await eventually(() => two.state() === "live", 5000);
  });

  it("keeps what it heard through a flush, while a server that starts after it cannot vouch", async () => {
    const one = startFeed();
    await eventually(() => one.state() === "live");
    await one.announce(["s-flushed"], inAnHour());
    await client().flushall();
    const late = startFeed();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(one.lookup("s-flushed", at())).toBe("revoked");
    // The list and the marker went with the flush: the late server asks per request.
    expect(late.state()).toBe("catching_up");
    expect(late.lookup("s-flushed", at())).toBe("unsure");
  });
});
