export { type DatabaseUnderTest, describeDatabaseConformance } from "./database.conformance";
export { createMemoryDatabase } from "./memory-database";
