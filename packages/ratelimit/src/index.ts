export { createMemoryRateLimiter } from "./memory-rate-limiter";
export { createUpstashRateLimiter } from "./upstash-rate-limiter";
