export type { UpstashBridge, UpstashBridgeOptions } from "./server";
export { startUpstashBridge } from "./server";
