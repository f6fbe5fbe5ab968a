import { describe, expect, it } from "vitest";
import type { RefreshOutcome, SessionRefresher } from "./cookie-session";
import { keepSessionAlive } from "./session-keeper";

const start = Date.parse("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(start + ms).toISOString();
const MINUTE = 60_000;

/** A clock, timers and a page visibility the test moves by hand. */
function fakeBrowser() {
  let time = start;
  let timers: { due: number; run: () => void }[] = [];
  const requested: number[] = [];
  let onVisible: (() => void) | null = null;
  return {
    options: {
      now: () => time,
      setTimer(run: () => void, ms: number) {
        requested.push(ms);
        const timer = { due: time + ms, run };
        timers.push(timer);
        return () => {
          timers = timers.filter((t) => t !== timer);
        };
      },
      onVisible(listener: () => void) {
        onVisible = listener;
        return () => {
          onVisible = null;
        };
      },
    },
    requested,
    pending: () => timers.length,
    advance(ms: number) {
      time += ms;
      const due = timers.filter((t) => t.due <= time);
      timers = timers.filter((t) => t.due > time);
      for (const timer of due) timer.run();
    },
    /** Moves the clock without firing timers, as a throttled background tab does. */
    sleep(ms: number) {
      time += ms;
    },
    becomeVisible: () => onVisible?.(),
  };
}

/** A refresher whose outcomes the test announces, counting the refreshes asked for. */
function fakeRefresher() {
  const listeners = new Set<(outcome: RefreshOutcome) => void>();
  const refresher: SessionRefresher & { calls: number; announce(o: RefreshOutcome): void } = {
    calls: 0,
    async refresh() {
      refresher.calls += 1;
      return { status: "failed" };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(outcome) {
      for (const listener of listeners) listener(outcome);
    },
  };
  return refresher;
}

const refreshed = (accessExpiresAt: string): RefreshOutcome => ({
  status: "refreshed",
  session: {
    user: { id: "u1", email: "ann@example.com" },
    accessExpiresAt,
    refreshExpiresAt: at(24 * 60 * MINUTE),
  },
});

/** A session kept alive from `start` on, its access token expiring `expiresInMs` later. */
function keptFor(expiresInMs: number) {
  const browser = fakeBrowser();
  const refresher = fakeRefresher();
  const stop = keepSessionAlive(refresher, at(expiresInMs), browser.options);
  return { browser, refresher, stop };
}

describe("keeping a cookie session alive", () => {
  it("refreshes one minute before the access token expires", () => {
    const { browser, refresher } = keptFor(15 * MINUTE);

    browser.advance(14 * MINUTE - 1);
    expect(refresher.calls).toBe(0);
    browser.advance(1);
    expect(refresher.calls).toBe(1);
  });

  it("refreshes at once when the access token is about to expire already", () => {
    const { browser, refresher } = keptFor(30_000);
    expect(browser.requested).toEqual([0]);
    browser.advance(0);
    expect(refresher.calls).toBe(1);
  });

  it("tries again 15 seconds after a refresh that failed for a passing reason", () => {
    const { browser, refresher } = keptFor(15 * MINUTE);
    browser.advance(14 * MINUTE);
    refresher.announce({ status: "failed" });

    browser.advance(15_000 - 1);
    expect(refresher.calls).toBe(1);
    browser.advance(1);
    expect(refresher.calls).toBe(2);
  });

  it("schedules nothing more once the session has ended", () => {
    const { browser, refresher } = keptFor(15 * MINUTE);
    browser.advance(14 * MINUTE);
    refresher.announce({ status: "ended" });

    expect(browser.pending()).toBe(0);
    browser.sleep(60 * MINUTE);
    browser.becomeVisible();
    expect(refresher.calls).toBe(1);
  });

  it("catches up when a throttled tab becomes visible past the refresh time", () => {
    const { browser, refresher } = keptFor(15 * MINUTE);

    browser.sleep(10 * MINUTE);
    browser.becomeVisible();
    expect(refresher.calls).toBe(0);
    browser.sleep(4 * MINUTE);
    browser.becomeVisible();
    expect(refresher.calls).toBe(1);
  });

  it("never asks for a delay setTimeout would overflow", () => {
    const { browser, refresher } = keptFor(365 * 24 * 60 * MINUTE);

    expect(browser.requested).toEqual([2_147_483_647]);
    browser.advance(1);
    expect(refresher.calls).toBe(0);
  });

  it("follows a refresh asked for elsewhere to the new expiry", () => {
    const { browser, refresher } = keptFor(15 * MINUTE);
    browser.advance(5 * MINUTE);
    // The refresh-on-401 link refreshed; the next token expires 15 minutes from now.
    refresher.announce(refreshed(at(20 * MINUTE)));

    browser.advance(9 * MINUTE);
    expect(refresher.calls).toBe(0);
    browser.advance(5 * MINUTE);
    expect(refresher.calls).toBe(1);
    expect(browser.pending()).toBe(0);
  });

  it("stops every timer and listener when told to", () => {
    const { browser, refresher, stop } = keptFor(15 * MINUTE);
    stop();

    refresher.announce({ status: "failed" });
    browser.sleep(60 * MINUTE);
    browser.becomeVisible();
    browser.advance(60 * MINUTE);
    expect(refresher.calls).toBe(0);
  });
});
