import type { AppRouter, BrowserSession } from "@latch/api";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
} from "@trpc/client";
import { latchErrorReason } from "./errors";
import { refreshOnUnauthorizedLink } from "./refresh-link";
import { sessionEffectOf } from "./session-rules";
import { singleFlight } from "./single-flight";

export type { BrowserSession };

export type RefreshOutcome =
  | { status: "refreshed"; session: BrowserSession }
  /** The server refused for good (and cleared the cookies): the person must log in again. */
  | { status: "ended" }
  /** Offline, rate limited, server trouble: the session may still be fine; try later. */
  | { status: "failed" };

export interface SessionRefresher {
  /** Refreshes the session cookies; concurrent callers (and tabs) share one request. */
  refresh(): Promise<RefreshOutcome>;
  /** Told about every outcome, whoever asked for the refresh. */
  subscribe(listener: (outcome: RefreshOutcome) => void): () => void;
}

const REUSE_RETRY_DELAY_MS = 1_000;

/**
 * Cookie mode's refresher: the tokens stay in HttpOnly cookies, so this only
 * decides when to call `session.refresh` and what its answer means. Single
 * flight within a tab and queued across tabs on a Web Lock, so the second
 * tab sends the cookie the first one just received.
 */
export function createSessionRefresher(
  callRefresh: () => Promise<BrowserSession>,
  lockName = "latch-session-refresh",
): SessionRefresher {
  const listeners = new Set<(outcome: RefreshOutcome) => void>();
  const refresh = singleFlight(lockName, async (underLock) => {
    const attempt = async (): Promise<{ outcome: RefreshOutcome; reused: boolean }> => {
      try {
        return {
          outcome: { status: "refreshed", session: await underLock(callRefresh) },
          reused: false,
        };
      } catch (error) {
        const ended = sessionEffectOf(error) === "ended";
        return {
          outcome: ended ? { status: "ended" } : { status: "failed" },
          reused: latchErrorReason(error) === "REFRESH_TOKEN_REUSED",
        };
      }
    };
    let { outcome, reused } = await attempt();
    // A refresh cut off by a reload may have rotated the token after the browser sent the old
    // cookie; the rotated cookie lands moments later. Within the server's grace such a replay
    // only fails (the session lives on), so one later try with the newer cookie tells the two apart.
    if (reused) {
      await new Promise((resolve) => setTimeout(resolve, REUSE_RETRY_DELAY_MS));
      ({ outcome } = await attempt());
    }
    for (const listener of listeners) listener(outcome);
    return outcome;
  });
  return {
    refresh,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Calls that sign in or out themselves: retrying them after a refresh makes no sense. */
const SESSION_FLOW_PATHS = new Set([
  "session.login",
  "session.activate",
  "session.refresh",
  "session.logout",
]);

/** Cookie mode's refresh-on-401: the one link, around everything but the session flows. */
export function cookieRefreshLink(refresher: SessionRefresher): TRPCLink<AppRouter> {
  return refreshOnUnauthorizedLink({
    refresh: async () => (await refresher.refresh()).status === "refreshed",
    skip: (path) => SESSION_FLOW_PATHS.has(path),
  });
}

export interface CookieSessionClientOptions {
  /** Where the API is; same origin, so the browser sends the cookies and Origin itself. */
  url?: string;
}

/**
 * The client a same-origin web app uses (Latch's own pages do): session
 * cookies instead of stored tokens, `session.*` procedures, one refresh on an
 * access refusal, shared with the refresher that keeps the session alive.
 */
export function createCookieSessionClient(options: CookieSessionClientOptions = {}): {
  trpcClient: TRPCClient<AppRouter>;
  refresher: SessionRefresher;
} {
  const url = options.url ?? "/api/trpc";
  // The refresh call goes through a plain client: it must not pass through the retry link itself.
  // keepalive: a refresh cut off by a reload or navigation would rotate the token on the server
  // while the browser kept the old cookie, and the next refresh would then look like a replay.
  const plain = createTRPCClient<AppRouter>({
    links: [httpLink({ url, fetch: (input, init) => fetch(input, { ...init, keepalive: true }) })],
  });
  const refresher = createSessionRefresher(() => plain.session.refresh.mutate());
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      cookieRefreshLink(refresher),
      // The server refuses batched mutations and caps batched queries at 10.
      splitLink({
        condition: (op) => op.type === "query",
        true: httpBatchLink({ url, maxItems: 10 }),
        false: httpLink({ url }),
      }),
    ],
  });
  return { trpcClient, refresher };
}
