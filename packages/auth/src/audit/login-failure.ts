import type { AuthDeps } from "../deps";
import type { LoginMethod, RequestMeta } from "../sessions/sessions";
import { recordEvent } from "./record-event";

/**
 * A refused sign-in, written on its own (nothing else of the attempt is
 * kept). `userId` only when the account is known: what someone typed for an
 * unknown account (often a password in the wrong field) is never written.
 * Known and unknown accounts cost the same one statement.
 */
export function recordLoginFailure(
  deps: Pick<AuthDeps, "db" | "clock">,
  failure: { userId: string | null; reason: string; method: LoginMethod },
  meta: RequestMeta,
): Promise<number> {
  return recordEvent(deps.db, {
    type: "login.failed",
    userId: failure.userId,
    meta,
    at: deps.clock.now(),
    detail: { method: failure.method, reason: failure.reason },
  });
}
