// `pnpm jobs:purge`: deletes accounts never activated within UNACTIVATED_ACCOUNT_TTL_DAYS.
// Runs against the same configuration as the app (DATABASE_URL, or the embedded database).
import { purgeUnactivatedAccounts } from "@latch/auth";
import { createServices, readProcessEnv } from "../src";

// This job delivers no email: the server (or `pnpm jobs:outbox`) does.
const services = await createServices(
  { ...readProcessEnv(), OUTBOX_WORKER: false },
  () => undefined,
);
try {
  const { purged, createdBefore } = await purgeUnactivatedAccounts(services.deps);
  console.log(`purged ${purged} unactivated account(s) created before ${createdBefore}`);
} finally {
  await services.close();
}
