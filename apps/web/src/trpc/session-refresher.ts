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

  async function run(): Promise<RefreshOutcome> {
    let outcome: RefreshOutcome;
    try {
      outcome = { status: "refreshed", session: await acrossTabs(callRefresh) };
    } catch (error) {
      outcome = ENDING_REASONS.has(readApiError(error).reason)
        ? { status: "ended" }
        : { status: "failed" };
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
