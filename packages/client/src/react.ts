import type { AppRouter } from "@latch/api";
import type { QueryClient } from "@tanstack/react-query";
import { createTRPCContext, createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { LatchClient } from "./latch-client";

/**
 * TanStack Query for React apps, the tRPC way: wrap the app in
 * `<LatchProvider trpcClient={latch.api} queryClient={queryClient}>`, then
 * `useQuery(useLatch().auth.me.queryOptions())` in any component.
 */
export const {
  TRPCProvider: LatchProvider,
  useTRPC: useLatch,
  useTRPCClient: useLatchClient,
} = createTRPCContext<AppRouter>();

/** The same query and mutation options without React context (loaders, server code, tests). */
export function latchQueryOptions(latch: LatchClient, queryClient: QueryClient) {
  return createTRPCOptionsProxy<AppRouter>({ client: latch.api, queryClient });
}

export {
  type BrowserSession,
  type CookieSessionClientOptions,
  createCookieSessionClient,
  createSessionRefresher,
  type RefreshOutcome,
  type SessionRefresher,
} from "./cookie-session";
export { keepSessionAlive, type SessionKeeperOptions } from "./session-keeper";
