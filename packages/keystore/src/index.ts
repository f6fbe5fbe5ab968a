export type { MemoryKeyStore, MemoryKeyStoreOptions } from "./memory-key-store";
export { createMemoryKeyStore } from "./memory-key-store";
export type { UpstashKeyStoreOptions } from "./upstash-key-store";
export { createUpstashKeyStore } from "./upstash-key-store";
