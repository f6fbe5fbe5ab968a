export { describeKeyStoreConformance, type KeyStoreHarness } from "./conformance/key-store";
export {
  type CountingKeyStore,
  createCountingKeyStore,
  type KeyStoreCallCounts,
  type KeyStoreMethod,
} from "./counting-key-store";
export { type DatabaseUnderTest, describeDatabaseConformance } from "./database.conformance";
export { createFakeKeyStore } from "./fake-key-store";
export { createFixedWindowLimiter } from "./fixed-window-limiter";
export { createMemoryDatabase } from "./memory-database";
export { type CeremonyOverrides, createSoftwareAuthenticator } from "./software-authenticator";
export {
  createSwitchableRevocationFeed,
  type SwitchableRevocationFeed,
} from "./switchable-revocation-feed";
