export { type OwnRedis, startOwnRedis } from "./own-redis";
export type { UpstashBridge, UpstashBridgeOptions } from "./server";
export { startUpstashBridge } from "./server";
