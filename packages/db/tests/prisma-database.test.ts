import { describeDatabaseConformance } from "@latch/auth/testing";
import { createPrismaDatabase } from "../src";
import { migrate } from "../src/migrate";
import { createScratchDatabase } from "./support/scratch-database";

describeDatabaseConformance("PostgreSQL through Prisma", async () => {
  const scratch = await createScratchDatabase();
  try {
    await migrate(scratch.url);
    const { db, close } = createPrismaDatabase({ connectionString: scratch.url });
    return {
      db,
      async cleanup() {
        await close();
        await scratch.drop();
      },
    };
  } catch (error) {
    await scratch.drop();
    throw error;
  }
});
