import type { SessionRefresher } from "./cookie-session";

/** Refresh this long before the access token expires, so calls never meet an expired one. */
const REFRESH_LEAD_MS = 60_000;
/** After a refresh that failed for a passing reason (offline, server busy), try again this soon. */
const RETRY_AFTER_MS = 15_000;
/** setTimeout overflows past 2^31-1 ms and would fire at once. */
const MAX_DELAY_MS = 2_147_483_647;

export interface SessionKeeperOptions {
  /** Milliseconds since the epoch; `Date.now` unless a test holds the clock. */
  now?: () => number;
  /** Runs `run` after `ms`; returns what cancels it. `setTimeout` unless a test holds the timers. */
  setTimer?: (run: () => void, ms: number) => () => void;
  /**
   * Calls `listener` whenever the page becomes visible again; returns what stops that.
   * The document's `visibilitychange` by default (nothing outside a browser).
   */
  onVisible?: (listener: () => void) => () => void;
}

function browserTimer(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}

/** What the keeper needs of `document`; the package is typed without the DOM library. */
interface VisibleDocument {
  visibilityState: string;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
}

function documentVisibility(listener: () => void): () => void {
  const document = (globalThis as { document?: VisibleDocument }).document;
  if (!document) return () => {};
  const onChange = () => {
    if (document.visibilityState === "visible") listener();
  };
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
}

/**
 * Keeps a cookie session alive until told to stop: one refresh shortly
 * before the access token expires, another soon after a passing failure,
 * none once the server says the session ended. A refresh asked for
 * elsewhere (the refresh-on-401 link, a page) moves the schedule too,
 * since the refresher tells every subscriber its outcome.
 */
export function keepSessionAlive(
  refresher: SessionRefresher,
  accessExpiresAt: string,
  options: SessionKeeperOptions = {},
): () => void {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? browserTimer;
  let expiresAt = Date.parse(accessExpiresAt);
  let cancelTimer = () => {};

  const msUntilRefresh = () =>
    Math.min(Math.max(expiresAt - now() - REFRESH_LEAD_MS, 0), MAX_DELAY_MS);
  const schedule = (delay: number) => {
    cancelTimer();
    cancelTimer = setTimer(() => void refresher.refresh(), delay);
  };

  const unsubscribe = refresher.subscribe((outcome) => {
    if (outcome.status === "refreshed") {
      expiresAt = Date.parse(outcome.session.accessExpiresAt);
      schedule(msUntilRefresh());
    } else if (outcome.status === "failed") {
      schedule(RETRY_AFTER_MS);
    } else {
      stop();
    }
  });
  // Background tabs get their timers throttled; catch up when the person comes back.
  const stopWatching = (options.onVisible ?? documentVisibility)(() => {
    if (msUntilRefresh() === 0) void refresher.refresh();
  });
  function stop() {
    cancelTimer();
    unsubscribe();
    stopWatching();
  }

  schedule(msUntilRefresh());
  return stop;
}
