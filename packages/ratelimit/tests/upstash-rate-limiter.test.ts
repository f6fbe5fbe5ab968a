import { startUpstashBridge, type UpstashBridge } from "@latch/upstash-bridge";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServices } from "../../../scripts/test/services";
import { rateLimiterConformance } from "../src/rate-limiter.conformance";
import { createUpstashRateLimiter } from "../src/upstash-rate-limiter";

let bridge: UpstashBridge;
const prefix = `latch-ratelimit-test-${Date.now()}:`;
const client = () =>
  new Redis({
    url: bridge.url,
    token: "t",
    automaticDeserialization: false,
    enableTelemetry: false,
  });

beforeAll(async () => {
  bridge = await startUpstashBridge({ redisUrl: testServices.redisUrl, token: "t" });
});
afterAll(() => bridge?.close());

rateLimiterConformance("Upstash rate limiter on real Redis", (now) =>
  createUpstashRateLimiter({ redis: client(), prefix, timeoutMs: 2000, now }),
);

describe("Upstash rate limiter when Redis does not answer", () => {
  it("rejects at its deadline instead of letting the request through", async () => {
    // A port nothing listens on behind a server that never answers: the client hangs.
    const { createServer } = await import("node:http");
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const limiter = createUpstashRateLimiter({
      redis: new Redis({
        url: `http://127.0.0.1:${port}`,
        token: "t",
        retry: false,
        enableTelemetry: false,
      }),
      timeoutMs: 300,
    });
    const started = Date.now();
    await expect(limiter.take({ name: "hang", limit: 5, windowSeconds: 60 }, "x")).rejects.toThrow(
      /no answer within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    silent.closeAllConnections();
    silent.close();
  });
});
