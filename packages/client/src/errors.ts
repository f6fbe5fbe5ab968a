import type { AppRouter, LatchErrorReason } from "@latch/api";
import { TRPCClientError } from "@trpc/client";

export type { LatchErrorReason };

/** A refusal from Latch, with `data.reason` typed as the closed list of reasons. */
export type LatchClientError = TRPCClientError<AppRouter>;

export function isLatchError(error: unknown): error is LatchClientError {
  return error instanceof TRPCClientError;
}

/**
 * Why Latch refused, from the closed list (`error.data.reason`); undefined for
 * what never reached Latch (a network error) or carried no reason.
 */
export function latchErrorReason(error: unknown): LatchErrorReason | undefined {
  if (!isLatchError(error)) return undefined;
  return error.data?.reason ?? undefined;
}
