import type { AuthDeps } from "../deps";
import { sha256 } from "../encoding";

const HOUR = 3600;

/**
 * Every email Latch sends on request of an anonymous caller counts against a
 * per-address hourly quota, counted when the notice is asked for, so nobody
 * can flood an inbox through our forms. Over quota the caller still gets the
 * usual answer: saying "rate limited" would reveal that the address has an
 * account.
 */
export async function withinQuota(
  deps: Pick<AuthDeps, "keys" | "policy">,
  email: string,
): Promise<boolean> {
  const count = await deps.keys.increment(quotaName(email), HOUR);
  return count <= deps.policy.emailsPerAddressPerHour;
}

/**
 * Reads the quota without spending it, for a request refused before it got
 * here: one round trip to the store, as counting takes, so the answer takes
 * as long either way.
 */
export async function readQuota(deps: Pick<AuthDeps, "keys">, email: string): Promise<void> {
  await deps.keys.get(quotaName(email));
}

const quotaName = (email: string) => `mail-quota:${sha256(email)}`;
