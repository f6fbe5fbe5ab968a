export { type OwnRedis, startOwnRedis } from "./own-redis";
export type { UpstashBridge } from "./server";
export { startUpstashBridge } from "./server";
