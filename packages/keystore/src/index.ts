export type { CountingKeyStore, KeyStoreCallCounts, KeyStoreMethod } from "./counting-key-store";
export { createCountingKeyStore } from "./counting-key-store";
export type { KeyStore } from "./key-store";
export type { MemoryKeyStore, MemoryKeyStoreOptions } from "./memory-key-store";
export { createMemoryKeyStore } from "./memory-key-store";
export type { UpstashKeyStoreOptions } from "./upstash-key-store";
export { createUpstashKeyStore } from "./upstash-key-store";
