import type { AuthDeps } from "../deps";

/**
 * Deletes accounts never activated within the configured number of days, so
 * an address someone typed by mistake (or on purpose) becomes free again.
 */
export async function purgeUnactivatedAccounts(
  deps: Pick<AuthDeps, "db" | "clock" | "policy">,
): Promise<{ purged: number; createdBefore: string }> {
  const cutoff = new Date(
    deps.clock.now().getTime() - deps.policy.unactivatedAccountTtlDays * 24 * 3600 * 1000,
  );
  const purged = await deps.db.users.purgeUnactivated(cutoff);
  return { purged, createdBefore: cutoff.toISOString() };
}
