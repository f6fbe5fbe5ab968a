export type { MemoryKeyStore, MemoryKeyStoreOptions } from "./memory-key-store";
export { createMemoryKeyStore } from "./memory-key-store";
export {
  createMemoryRevocationFeed,
  type MemoryRevocationFeedOptions,
} from "./memory-revocation-feed";
export type { UpstashKeyStoreOptions } from "./upstash-key-store";
export { createUpstashKeyStore } from "./upstash-key-store";
export {
  createUpstashRevocationFeed,
  type UpstashRevocationFeed,
  type UpstashRevocationFeedOptions,
} from "./upstash-revocation-feed";
