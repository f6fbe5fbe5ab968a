import type { AppRouter } from "@latch/api";
import type { TRPCLink } from "@trpc/client";
import { observable, type Unsubscribable } from "@trpc/server/observable";
import { sessionEffectOf } from "./session-rules";

export interface RefreshLinkOptions {
  /** Refreshes the session (single flight); true when the call is worth sending again. */
  refresh(): Promise<boolean>;
  /** Calls that sign in or out themselves, or take no token: never refreshed around. */
  skip(path: string): boolean;
}

/**
 * The client's one refresh-on-401 link, for both modes: when a call is
 * refused because its access token is missing, bad or expired, refresh the
 * session once (shared with whoever else refreshes at that moment) and send
 * the call again; if the refresh cannot help, the caller sees the original error.
 */
export function refreshOnUnauthorizedLink(options: RefreshLinkOptions): TRPCLink<AppRouter> {
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
              if (retried || options.skip(op.path) || sessionEffectOf(error) !== "refresh") {
                observer.error(error);
                return;
              }
              retried = true;
              options.refresh().then(
                (again) => {
                  if (closed) return;
                  if (again) attempt();
                  else observer.error(error);
                },
                () => !closed && observer.error(error),
              );
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
