import { newKeyStamp } from "../keys/one-time-keys";
import { DEFAULT_LOCALE, type NoticeRequest } from "../ports/notices";
import type { DeliveryDeps } from "./deliver-notices";

/**
 * The account side of a "signup" entry, which releases before 2026-12 queued
 * instead of creating the account before they answered. Kept for one release
 * so entries already queued in a deployed database (and those written by old
 * servers during a rolling deploy) still get their account and email; delete
 * it, and the "signup" kind, in the release after. Creates the inactive
 * account, or gives an inactive one the newest password and a new stamp; an
 * active account is left alone. Safe to run again for the same entry.
 */
export async function registerQueuedSignup(
  deps: Pick<DeliveryDeps, "db" | "random" | "clock">,
  request: Extract<NoticeRequest, { kind: "signup" }>,
): Promise<void> {
  // One statement, atomic on its own: no transaction needed.
  await deps.db.users.signUp(
    {
      email: request.email,
      passwordHash: request.passwordHash,
      keyStamp: newKeyStamp(deps.random),
      createdAt: deps.clock.now(),
      // Queued before accounts had a language: English, as every email was then.
      locale: DEFAULT_LOCALE,
    },
    // Over quota nothing is mailed, so nothing may change: the owner's link keeps working.
    { renewInactive: request.notify },
  );
}
