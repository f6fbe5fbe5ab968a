import type { ActivityListInput } from "@latch/validators";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { enforceClientLimit } from "../limits";
import { OVER_QUOTA } from "../notices/queue-notice";
import { withinQuota } from "../notices/quota";
import type { AuditEvent } from "../ports/audit";
import { announceRevocations, recordRevocations } from "../sessions/revocation";
import type { RequestMeta } from "../sessions/sessions";
import type { AccessClaims } from "../tokens/token-service";
import { recordSessionsEnded } from "./account-events";
import { recordEvent } from "./record-event";
import { recordedTransaction } from "./recorded-transaction";

/** How many events one page of auth.activity.list holds. */
const ACTIVITY_PAGE_SIZE = 20;

/**
 * One line of "Recent activity": what happened, when, from where (the coarse
 * address, an IPv4 /24 or IPv6 /48), and whether an admin did it rather than
 * the owner; never the user agent or a detail's ids. (An anonymous type: the
 * client package's declarations inline it.)
 */
const activityView = (event: AuditEvent) => ({
  id: event.id,
  at: event.at.toISOString(),
  type: event.type,
  device: event.device,
  ip: event.ip,
  byAdmin: event.actorId !== null && event.actorId !== event.userId,
});

/**
 * The caller's own events, newest first, a page at a time. The cursor is the
 * previous page's last event id (ids are time-ordered), so a page never
 * shifts when new events arrive.
 */
export async function listActivity(
  deps: Pick<AuthDeps, "db">,
  caller: AccessClaims,
  input: ActivityListInput,
): Promise<{ events: ReturnType<typeof activityView>[]; nextCursor: string | null }> {
  const events = await deps.db.audit.list({
    userId: caller.userId,
    ...(input.cursor ? { before: input.cursor } : {}),
    limit: ACTIVITY_PAGE_SIZE + 1,
  });
  const page = events.slice(0, ACTIVITY_PAGE_SIZE);
  const more = events.length > ACTIVITY_PAGE_SIZE;
  return { events: page.map(activityView), nextCursor: more ? (page.at(-1)?.id ?? null) : null };
}

/**
 * "This wasn't me": in one transaction every session of the account ends
 * (this one too: whoever else holds one is out, on every server once it is
 * announced), the report is recorded, and a password reset email is queued
 * as requestPasswordReset queues one, so the owner can lock the intruder out
 * of the password too. Limited per client like a reset request, and the email
 * counts against the address's quota (over it, it is written already dropped).
 */
export async function reportNotMe(
  deps: AuthDeps,
  caller: AccessClaims,
  meta: RequestMeta,
): Promise<{ sessionsEnded: number }> {
  await enforceClientLimit(deps, "password-reset-request", meta.ip);
  const user = await deps.db.users.findById(caller.userId);
  if (!user) throw new AuthError("SESSION_REVOKED");
  const notify = await withinQuota(deps, user.email);
  const now = deps.clock.now();
  const revocations = await recordedTransaction(deps, async (tx) => {
    const ended = await tx.sessions.revokeAllOfUser(user.id, now, "this_was_not_me", null);
    const occasion = { userId: user.id, meta, at: now };
    await recordEvent(tx, {
      type: "account.this_was_not_me",
      ...occasion,
      detail: { sessionsEnded: String(ended.length) },
    });
    const reason = { type: "session.ended", reason: "this_was_not_me" } as const;
    await recordSessionsEnded(tx, occasion, reason, ended);
    await tx.outbox.enqueue(
      { kind: "password_reset", email: user.email },
      now,
      notify ? {} : { suppressed: OVER_QUOTA },
    );
    return recordRevocations(deps, tx, ended, now);
  });
  // The reset email leaves now, whether or not a webhook woke the worker already.
  deps.wakeOutbox();
  await announceRevocations(deps, revocations);
  return { sessionsEnded: revocations.length };
}
