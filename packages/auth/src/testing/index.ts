export { type DatabaseUnderTest, describeDatabaseConformance } from "./database.conformance";
export { createFixedWindowLimiter } from "./fixed-window-limiter";
export { createMemoryDatabase } from "./memory-database";
