import type { Repositories } from "../ports/database";
import type { RequestMeta } from "../sessions/sessions";
import { recordEvent } from "./record-event";

/** What changed about the ways of proving a login (second_factor.changed's `change`). */
export type SecondFactorEventChange =
  | "totp_enabled"
  | "totp_disabled"
  | "recovery_codes_regenerated"
  | "recovery_code_used"
  | "passkey_added"
  | "passkey_removed";

interface Occasion {
  userId: string;
  /** Absent only where no request caused it. */
  meta?: RequestMeta | undefined;
  at: Date;
}

/** second_factor.changed, announced to webhooks, in the change's transaction. */
export function recordSecondFactorChange(
  tx: Pick<Repositories, "audit">,
  { userId, meta, at }: Occasion,
  change: SecondFactorEventChange,
  detail: Record<string, string> = {},
): Promise<number> {
  return recordEvent(tx, {
    type: "second_factor.changed",
    userId,
    meta,
    at,
    detail: { change, ...detail },
    webhook: { type: "second_factor.changed", data: { userId, change } },
  });
}

/** identity.linked / identity.unlinked, announced to webhooks, in the link's transaction. */
export function recordIdentityChange(
  tx: Pick<Repositories, "audit">,
  { userId, meta, at }: Occasion,
  change: "identity.linked" | "identity.unlinked",
  providerId: string,
): Promise<number> {
  return recordEvent(tx, {
    type: change,
    userId,
    meta,
    at,
    detail: { provider: providerId },
    webhook: { type: change, data: { userId, provider: providerId } },
  });
}

/**
 * One event per ended session (logout, session.ended or refresh.reused),
 * each announcing session.revoked with that session's id, so a receiver
 * always gets `{userId, sessionId, reason}`, however many sessions ended.
 */
export async function recordSessionsEnded(
  tx: Pick<Repositories, "audit">,
  occasion: { userId: string; meta?: RequestMeta; at: Date; actorId?: string | null },
  ended: { type: "logout" | "session.ended" | "refresh.reused"; reason: string },
  sessionIds: readonly string[],
): Promise<number> {
  let queued = 0;
  for (const sessionId of sessionIds) {
    queued += await recordEvent(tx, {
      type: ended.type,
      ...occasion,
      detail: { sessionId, reason: ended.reason },
      webhook: {
        type: "session.revoked",
        data: { userId: occasion.userId, sessionId, reason: ended.reason },
      },
    });
  }
  return queued;
}
