import { type LatchErrorReason, latchErrorReason } from "./errors";
import type { StoredTokens, TokenStorage } from "./token-storage";

/** Refusals after which the stored session is gone for good. */
const ENDING_REASONS = new Set<LatchErrorReason>([
  "REFRESH_TOKEN_INVALID",
  "REFRESH_TOKEN_EXPIRED",
  "REFRESH_TOKEN_REUSED",
  "SESSION_REVOKED",
]);

interface WebLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Web Locks where there are some (browsers): tabs sharing storage then refresh one after another. */
function acrossTabs<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: WebLocks } }).navigator?.locks;
  return locks ? locks.request(name, work) : work();
}

export type Refresh = () => Promise<StoredTokens | null>;

/**
 * Latch rotates refresh tokens and treats a replayed one as theft, so two
 * refreshes must never race with the same token: callers in one process
 * share one request, and tabs that share storage queue on a Web Lock, the
 * second one finding the tokens the first just stored instead of replaying
 * the old one. Resolves to null when there is no session (any more); an
 * outage rejects, and the stored session is kept for a later try.
 */
export function singleFlightRefresh(
  storage: TokenStorage,
  callRefresh: (refreshToken: string) => Promise<StoredTokens>,
  lockName: string,
): Refresh {
  let inFlight: Promise<StoredTokens | null> | null = null;

  async function run(): Promise<StoredTokens | null> {
    const seen = await storage.get();
    if (!seen) return null;
    return acrossTabs(lockName, async () => {
      const latest = await storage.get();
      if (!latest || latest.refresh !== seen.refresh) return latest;
      try {
        const next = await callRefresh(latest.refresh);
        await storage.set(next);
        return next;
      } catch (error) {
        const reason = latchErrorReason(error);
        if (!reason || !ENDING_REASONS.has(reason)) throw error;
        // Another holder of this storage may have rotated the token meanwhile: theirs is good.
        const now = await storage.get();
        if (now && now.refresh !== latest.refresh) return now;
        await storage.clear();
        return null;
      }
    });
  }

  return () => {
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
