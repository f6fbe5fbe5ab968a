// `pnpm jobs:purge`: deletes accounts never activated within UNACTIVATED_ACCOUNT_TTL_DAYS,
// and audit events older than AUDIT_RETENTION_DAYS.
// Runs against the same configuration as the app (DATABASE_URL, or the embedded database).
import { purgeExpiredAuditEvents, purgeUnactivatedAccounts } from "@latch/auth";
import { createServices, readProcessEnv } from "../src";

// This job delivers no email: the server (or `pnpm jobs:outbox`) does.
const services = await createServices(
  { ...readProcessEnv(), OUTBOX_WORKER: false },
  () => undefined,
);
try {
  const { purged, createdBefore } = await purgeUnactivatedAccounts(services.deps);
  console.log(`purged ${purged} unactivated account(s) created before ${createdBefore}`);
  const audit = await purgeExpiredAuditEvents(services.deps);
  console.log(`purged ${audit.auditEventsPurged} audit event(s) before ${audit.auditEventsBefore}`);
} finally {
  await services.close();
}
