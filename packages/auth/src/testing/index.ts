export { describeKeyStoreConformance } from "./conformance/key-store";
export { createCountingKeyStore } from "./counting-key-store";
export { describeDatabaseConformance } from "./database.conformance";
export { createFakeKeyStore } from "./fake-key-store";
export { createFixedWindowLimiter } from "./fixed-window-limiter";
export { createMemoryDatabase } from "./memory-database";
export { createSoftwareAuthenticator } from "./software-authenticator";
export { createSwitchableRevocationFeed } from "./switchable-revocation-feed";
