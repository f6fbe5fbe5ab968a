import type { RevocationFeed } from "../ports/revocation-feed";
import { RecentRevocations } from "../sessions/recent-revocations";

export interface SwitchableRevocationFeed extends RevocationFeed {
  /** Whether the feed vouches; while it does not, lookups answer "unsure". */
  live: boolean;
  /** Announcements made so far, one entry per call. */
  readonly announced: string[][];
}

/**
 * A feed for domain tests: in process, and not live until the test says so,
 * so each test picks the path it exercises (feed, or the per-request check).
 * What it was told stays known even while it is not live.
 */
export function createSwitchableRevocationFeed(): SwitchableRevocationFeed {
  const recent = new RecentRevocations();
  const announced: string[][] = [];
  return {
    live: false,
    announced,
    lookup(sessionId, now) {
      if (recent.has(sessionId, now.getTime())) return "revoked";
      return this.live ? "not_revoked" : "unsure";
    },
    state() {
      return this.live ? "live" : "catching_up";
    },
    async announce(sessionIds, until) {
      announced.push([...sessionIds]);
      for (const id of sessionIds) recent.add(id, until.getTime());
    },
  };
}
