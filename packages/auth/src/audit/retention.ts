import type { AuthDeps } from "../deps";

/**
 * Deletes audit events older than AUDIT_RETENTION_DAYS: the trail is kept
 * long enough to answer "what happened to my account this year", and no
 * longer than the operator decided.
 */
export async function purgeExpiredAuditEvents(
  deps: Pick<AuthDeps, "db" | "clock" | "policy">,
): Promise<{ auditEventsPurged: number; auditEventsBefore: string }> {
  const before = new Date(
    deps.clock.now().getTime() - deps.policy.auditRetentionDays * 24 * 3600 * 1000,
  );
  const auditEventsPurged = await deps.db.audit.purge(before);
  return { auditEventsPurged, auditEventsBefore: before.toISOString() };
}
