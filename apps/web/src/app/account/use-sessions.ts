"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "../../trpc/react";

/** The live sessions of the signed-in account, this one marked `current`. */
export function useSessionsList() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.sessions.list.queryOptions());
}

/** For anything that ends sessions (a revoke, a password change): the table asks again. */
export function useInvalidateSessions(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.list.queryKey() }),
    [queryClient, trpc],
  );
}
