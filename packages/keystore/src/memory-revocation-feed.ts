import { RecentRevocations } from "@latch/auth";
import type { RevocationFeed } from "@latch/auth/ports";

export interface MemoryRevocationFeedOptions {
  accessTtlSeconds: number;
  /** Current time in milliseconds; tests pass a clock they move by hand. */
  now?: () => number;
}

/**
 * The development feed: one process is the only server, so every revocation
 * is announced here. It forgets on restart, so it vouches only once every
 * access token issued before its start has expired; until then the
 * per-request check (and, behind it, the database) answers.
 */
export function createMemoryRevocationFeed(options: MemoryRevocationFeedOptions): RevocationFeed {
  const recent = new RecentRevocations();
  const now = options.now ?? Date.now;
  const vouchFrom = now() + options.accessTtlSeconds * 1000;
  return {
    lookup(sessionId, now) {
      if (recent.has(sessionId, now.getTime())) return "revoked";
      return now.getTime() >= vouchFrom ? "not_revoked" : "unsure";
    },
    state: () => (now() >= vouchFrom ? "live" : "catching_up"),
    async announce(sessionIds, until) {
      for (const id of sessionIds) recent.add(id, until.getTime());
    },
  };
}
