import type { TRPCClientError } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { type LatchErrorReason, latchErrorReason } from "./errors";

/**
 * The client's one table of what a refusal means for the session, in bearer
 * and cookie mode alike: "refresh" when a refresh can fix the call (the access
 * token is missing, bad or expired), "ended" when the session is over on this
 * client and the person must sign in again. A reused refresh token ends it
 * too: the server has already revoked the session, or (within its grace) the
 * refresher tries once more before believing it.
 */
export const sessionEffects = {
  ACCESS_TOKEN_MISSING: "refresh",
  ACCESS_TOKEN_INVALID: "refresh",
  ACCESS_TOKEN_EXPIRED: "refresh",
  REFRESH_TOKEN_INVALID: "ended",
  REFRESH_TOKEN_EXPIRED: "ended",
  REFRESH_TOKEN_REUSED: "ended",
  SESSION_REVOKED: "ended",
} as const satisfies Partial<Record<LatchErrorReason, "refresh" | "ended">>;

export type SessionEffect = (typeof sessionEffects)[keyof typeof sessionEffects];

/** What an error means for the session, from the table; undefined for everything else. */
export function sessionEffectOf(
  error: unknown | TRPCClientError<AnyRouter>,
): SessionEffect | undefined {
  const reason = latchErrorReason(error);
  return reason && reason in sessionEffects
    ? sessionEffects[reason as keyof typeof sessionEffects]
    : undefined;
}
