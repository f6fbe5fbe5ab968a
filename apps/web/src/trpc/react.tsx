"use client";

import type { AppRouter } from "@latch/api";
import { createCookieSessionClient } from "@latch/client/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import { useUnreachableWording } from "./api-error";
import { SessionProvider } from "./session";

const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export { useTRPC };

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

/** Latch's own pages use @latch/client's cookie mode, as any same-origin app would. */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [{ refresher, trpcClient }] = useState(() => createCookieSessionClient());
  useUnreachableWording();
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <SessionProvider refresher={refresher}>{children}</SessionProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
