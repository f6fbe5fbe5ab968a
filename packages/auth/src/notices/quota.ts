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
  const count = await deps.keys.increment(`mail-quota:${sha256(email)}`, HOUR);
  return count <= deps.policy.emailsPerAddressPerHour;
}
