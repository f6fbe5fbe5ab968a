/**
 * Serves the Upstash REST protocol in front of a local Redis, so the app (and
 * anything else using @upstash/redis) can run against real Redis:
 *
 *   REDIS_URL=redis://127.0.0.1:6379 UPSTASH_BRIDGE_TOKEN=dev-token pnpm --filter @latch/upstash-bridge bridge
 *
 * then set UPSTASH_REDIS_REST_URL to the printed URL and UPSTASH_REDIS_REST_TOKEN
 * to the same token. It starts even while Redis is down (answering 503 until
 * it is up) and reconnects whenever Redis restarts; it prints each change.
 */
import { startUpstashBridge } from "../src";
import { type BridgeEnv, parseBridgeEnv } from "../src/env";
import { redact } from "../src/redis-runner";

function readEnv(): BridgeEnv {
  try {
    // The one place the script reads its environment; everything else gets the parsed values.
    return parseBridgeEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

const env = readEnv();
try {
  const bridge = await startUpstashBridge({
    redisUrl: env.REDIS_URL,
    token: env.UPSTASH_BRIDGE_TOKEN,
    host: env.UPSTASH_BRIDGE_HOST,
    port: env.UPSTASH_BRIDGE_PORT,
    log: (line) => console.log(`upstash bridge: ${line}`),
  });
  console.log(`Upstash REST bridge in front of ${redact(env.REDIS_URL)}`);
  console.log(`UPSTASH_REDIS_REST_URL=${bridge.url}`);
  console.log("UPSTASH_REDIS_REST_TOKEN=<the value of UPSTASH_BRIDGE_TOKEN>");
  const stop = () => {
    bridge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(`upstash bridge: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
