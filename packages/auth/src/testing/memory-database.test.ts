import { describeDatabaseConformance } from "./database.conformance";
import { createMemoryDatabase } from "./memory-database";

describeDatabaseConformance("in memory", async () => ({
  db: createMemoryDatabase(),
  cleanup: async () => {},
}));
