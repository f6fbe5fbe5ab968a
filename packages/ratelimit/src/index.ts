export { createMemoryRateLimiter, type MemoryRateLimiterOptions } from "./memory-rate-limiter";
export {
  createUpstashRateLimiter,
  RateLimiterUnavailableError,
  type UpstashRateLimiterOptions,
} from "./upstash-rate-limiter";
