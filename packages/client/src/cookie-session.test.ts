import type { BrowserSession } from "@latch/api";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import { createSessionRefresher, type RefreshOutcome } from "./cookie-session";

const session: BrowserSession = {
  user: { id: "u1", email: "ann@example.com" },
  accessExpiresAt: "2030-01-01T00:15:00.000Z",
  refreshExpiresAt: "2030-01-02T00:00:00.000Z",
};

function apiError(reason: string, code = "UNAUTHORIZED"): TRPCClientError<never> {
  return new TRPCClientError(reason, {
    result: { error: { code: -32001, message: reason, data: { code, reason } } },
  } as never);
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("the session refresher", () => {
  it("lets concurrent callers share one refresh request", async () => {
    const answer = deferred<BrowserSession>();
    const call = vi.fn(() => answer.promise);
    const refresher = createSessionRefresher(call);

    const outcomes = Promise.all([refresher.refresh(), refresher.refresh(), refresher.refresh()]);
    answer.resolve(session);

    expect(await outcomes).toEqual(Array(3).fill({ status: "refreshed", session }));
    expect(call).toHaveBeenCalledTimes(1);
  });

  it("sends a new request once the previous refresh has settled", async () => {
    const call = vi.fn(async () => session);
    const refresher = createSessionRefresher(call);
    await refresher.refresh();
    await refresher.refresh();
    expect(call).toHaveBeenCalledTimes(2);
  });

  it("ends the session when the server refuses the refresh token", async () => {
    vi.useFakeTimers();
    try {
      for (const reason of ["REFRESH_TOKEN_REUSED", "REFRESH_TOKEN_EXPIRED", "SESSION_REVOKED"]) {
        const refresher = createSessionRefresher(async () => Promise.reject(apiError(reason)));
        const outcome = refresher.refresh();
        await vi.runAllTimersAsync();
        expect(await outcome).toEqual({ status: "ended" });
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("tries once more after a reuse, when a cut-off refresh's cookie may still be landing", async () => {
    vi.useFakeTimers();
    try {
      const call = vi
        .fn<() => Promise<BrowserSession>>()
        .mockRejectedValueOnce(apiError("REFRESH_TOKEN_REUSED"))
        .mockResolvedValueOnce(session);
      const outcome = createSessionRefresher(call).refresh();
      await vi.runAllTimersAsync();
      expect(await outcome).toEqual({ status: "refreshed", session });
      expect(call).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the session when the refresh failed for a passing reason", async () => {
    const offline = createSessionRefresher(async () =>
      Promise.reject(new TypeError("fetch failed")),
    );
    expect(await offline.refresh()).toEqual({ status: "failed" });
    const limited = createSessionRefresher(async () =>
      Promise.reject(apiError("RATE_LIMITED", "TOO_MANY_REQUESTS")),
    );
    expect(await limited.refresh()).toEqual({ status: "failed" });
  });

  it("tells every subscriber the outcome, whoever asked for the refresh", async () => {
    const refresher = createSessionRefresher(async () => session);
    const seen: RefreshOutcome[] = [];
    const unsubscribe = refresher.subscribe((outcome) => seen.push(outcome));
    await refresher.refresh();
    unsubscribe();
    await refresher.refresh();
    expect(seen).toEqual([{ status: "refreshed", session }]);
  });
});
