import type { AppRouter } from "@latch/api";
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable, type Unsubscribable } from "@trpc/server/observable";
import type { SessionRefresher } from "./session-refresher";

/** Answers that mean "the access cookie is missing, expired or bad": a refresh can fix them. */
const ACCESS_REASONS = new Set([
  "ACCESS_TOKEN_MISSING",
  "ACCESS_TOKEN_INVALID",
  "ACCESS_TOKEN_EXPIRED",
]);

/** Calls that sign in or out themselves: retrying them after a refresh makes no sense. */
const SESSION_FLOW_PATHS = new Set([
  "session.login",
  "session.activate",
  "session.refresh",
  "session.logout",
]);

function needsRefresh(path: string, error: unknown): boolean {
  if (SESSION_FLOW_PATHS.has(path) || !(error instanceof TRPCClientError)) return false;
  const data = error.data as { code?: unknown; reason?: unknown } | undefined;
  return data?.code === "UNAUTHORIZED" && ACCESS_REASONS.has(String(data.reason));
}

/**
 * When a signed-in call is refused because the access token ran out, refresh
 * the session once (shared with any other caller refreshing at that moment)
 * and send the call again; if the refresh fails the caller sees the original
 * error.
 */
export function refreshOnUnauthorizedLink(refresher: SessionRefresher): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let current: Unsubscribable | null = null;
        let retried = false;
        let closed = false;

        const attempt = () => {
          current = next(op).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              if (retried || !needsRefresh(op.path, error)) {
                observer.error(error);
                return;
              }
              retried = true;
              void refresher.refresh().then((outcome) => {
                if (closed) return;
                if (outcome.status === "refreshed") attempt();
                else observer.error(error);
              });
            },
          });
        };

        attempt();
        return () => {
          closed = true;
          current?.unsubscribe();
        };
      });
}
