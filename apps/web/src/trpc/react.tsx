"use client";

import type { AppRouter } from "@latch/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import { refreshOnUnauthorizedLink } from "./refresh-link";
import { SessionProvider } from "./session";
import { createSessionRefresher } from "./session-refresher";

const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export { useTRPC };

/** Same origin, so the browser sends the session cookies and the Origin header by itself. */
const API_URL = "/api/trpc";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    // Auth answers are not worth retrying blindly: a retried login counts as another failure.
    defaultOptions: { queries: { staleTime: 30_000, retry: false }, mutations: { retry: false } },
  });
}

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every request gets its own cache; in the browser one lives for the page's life.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

function makeClients() {
  // The refresh call goes through a plain client: it must not pass through the retry link itself.
  // keepalive: a refresh cut off by a reload or navigation would rotate the token on the server
  // while the browser kept the old cookie, and the next refresh would then look like a replay.
  const plain = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: API_URL,
        fetch: (input, init) => fetch(input, { ...init, keepalive: true }),
      }),
    ],
  });
  const refresher = createSessionRefresher(() => plain.session.refresh.mutate());
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      refreshOnUnauthorizedLink(refresher),
      // The server refuses batched mutations and caps batched queries at 10.
      splitLink({
        condition: (op) => op.type === "query",
        true: httpBatchLink({ url: API_URL, maxItems: 10 }),
        false: httpLink({ url: API_URL }),
      }),
    ],
  });
  return { refresher, trpcClient };
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [{ refresher, trpcClient }] = useState(makeClients);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <SessionProvider refresher={refresher}>{children}</SessionProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
