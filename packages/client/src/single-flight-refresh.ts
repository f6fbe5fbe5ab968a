import { sessionEffectOf } from "./session-rules";
import { singleFlight } from "./single-flight";
import type { StoredTokens, TokenStorage } from "./token-storage";

export type Refresh = () => Promise<StoredTokens | null>;

/**
 * Bearer mode's refresh, single flight across callers and tabs that share
 * storage: the second tab finds the tokens the first just stored instead of
 * replaying the old one. Resolves to null when there is no session (any
 * more); an outage rejects, and the stored session is kept for a later try.
 */
export function singleFlightRefresh(
  storage: TokenStorage,
  callRefresh: (refreshToken: string) => Promise<StoredTokens>,
  lockName: string,
): Refresh {
  return singleFlight(lockName, async (underLock) => {
    const seen = await storage.get();
    if (!seen) return null;
    return underLock(async () => {
      const latest = await storage.get();
      if (!latest || latest.refresh !== seen.refresh) return latest;
      try {
        const next = await callRefresh(latest.refresh);
        await storage.set(next);
        return next;
      } catch (error) {
        if (sessionEffectOf(error) !== "ended") throw error;
        // Another holder of this storage may have rotated the token meanwhile: theirs is good.
        const now = await storage.get();
        if (now && now.refresh !== latest.refresh) return now;
        await storage.clear();
        return null;
      }
    });
  });
}
