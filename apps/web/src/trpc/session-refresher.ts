import type { BrowserSession } from "@latch/api";
import { readApiError } from "./api-error";

export type RefreshOutcome =
  | { status: "refreshed"; session: BrowserSession }
  /** The server refused for good (and cleared the cookies): the person must log in again. */
  | { status: "ended" }
  /** Offline, rate limited, server trouble: the session may still be fine; try later. */
  | { status: "failed" };

export interface SessionRefresher {
  /** Refreshes the session cookies; concurrent callers share one request. */
  refresh(): Promise<RefreshOutcome>;
  /** Told about every outcome, whoever asked for the refresh. */
  subscribe(listener: (outcome: RefreshOutcome) => void): () => void;
}

const ENDING_REASONS = new Set([
  "REFRESH_TOKEN_INVALID",
  "REFRESH_TOKEN_EXPIRED",
  "REFRESH_TOKEN_REUSED",
  "SESSION_REVOKED",
]);

const LOCK_NAME = "latch-session-refresh";
const REUSE_RETRY_DELAY_MS = 1_000;

/**
 * Refresh tokens rotate and a reused one revokes the whole session, so two
 * refreshes must never race with the same cookie: within a tab they share
 * one promise (single flight), and across tabs they queue on a Web Lock, so
 * the second tab sends the cookie the first one just received.
 */
export function createSessionRefresher(
  callRefresh: () => Promise<BrowserSession>,
): SessionRefresher {
  let inFlight: Promise<RefreshOutcome> | null = null;
  const listeners = new Set<(outcome: RefreshOutcome) => void>();

  async function attempt(): Promise<{ outcome: RefreshOutcome; reason: string | null }> {
    try {
      return {
        outcome: { status: "refreshed", session: await acrossTabs(callRefresh) },
        reason: null,
      };
    } catch (error) {
      const { reason } = readApiError(error);
      const ended = ENDING_REASONS.has(reason);
      return { outcome: ended ? { status: "ended" } : { status: "failed" }, reason };
    }
  }

  async function run(): Promise<RefreshOutcome> {
    let { outcome, reason } = await attempt();
    // A refresh cut off by a reload may have rotated the token after the browser sent the old
    // cookie; the rotated cookie lands moments later. Within the server's grace such a replay
    // only fails (the session lives on), so one later try with the newer cookie tells the two apart.
    if (reason === "REFRESH_TOKEN_REUSED") {
      await new Promise((resolve) => setTimeout(resolve, REUSE_RETRY_DELAY_MS));
      ({ outcome } = await attempt());
    }
    for (const listener of listeners) listener(outcome);
    return outcome;
  }

  return {
    refresh() {
      inFlight ??= run().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  // Web Locks exist only in secure contexts; plain-http hosts fall back to the in-tab guard.
  if (typeof navigator === "undefined" || !("locks" in navigator)) return task();
  return await navigator.locks.request(LOCK_NAME, task);
}
