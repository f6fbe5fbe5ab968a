export { createMemoryKeyStore } from "./memory-key-store";
export { createMemoryRevocationFeed } from "./memory-revocation-feed";
export { createUpstashKeyStore } from "./upstash-key-store";
export { createUpstashRevocationFeed } from "./upstash-revocation-feed";
