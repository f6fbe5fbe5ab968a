import type { AuthDeps } from "../deps";
import type { Repositories, Revocation } from "../ports/database";
import type { KeyStore } from "../ports/key-store";
import type { AccessClaims } from "../tokens/token-service";

const revokedSessionName = (sessionId: string) => `session-revoked:${sessionId}`;

const secondsUntil = (expiresAt: Date, now: Date) =>
  Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));

/**
 * The announcement of sessions ended at `now`: in force for as long as any
 * access token issued before the end can live.
 */
function revocationsOf(
  deps: Pick<AuthDeps, "policy">,
  sessionIds: string[],
  now: Date,
): Revocation[] {
  const until = new Date(now.getTime() + deps.policy.accessTokenTtlSeconds * 1000);
  return sessionIds.map((sessionId) => ({ sessionId, until }));
}

/**
 * Called inside the transaction that ends the sessions: their announcement
 * commits with the end, or neither does. Nothing between PostgreSQL ending
 * a session and the key store hearing of it can lose the revocation.
 */
export async function recordRevocations(
  deps: Pick<AuthDeps, "policy">,
  tx: Pick<Repositories, "revocations">,
  sessionIds: string[],
  now: Date,
): Promise<Revocation[]> {
  const revocations = revocationsOf(deps, sessionIds, now);
  if (revocations.length > 0) await tx.revocations.record(revocations);
  return revocations;
}

/**
 * Access tokens are checked without the database, so an ended session is
 * announced for as long as any of its access tokens can live: to every
 * server's revocation feed, and as a mark in the key store for the
 * per-request check a server falls back on while its feed is not live.
 * Then the announcement leaves the log. Throws when the key store fails;
 * this server refuses the sessions even so (its feed remembers them first).
 */
async function deliverRevocations(
  deps: Pick<AuthDeps, "keys" | "feed" | "clock" | "db">,
  revocations: Revocation[],
): Promise<void> {
  if (revocations.length === 0) return;
  const now = deps.clock.now();
  const inForce = revocations.filter((revocation) => revocation.until > now);
  const byUntil = new Map<number, string[]>();
  for (const { sessionId, until } of inForce) {
    byUntil.set(until.getTime(), [...(byUntil.get(until.getTime()) ?? []), sessionId]);
  }
  await Promise.all([
    ...[...byUntil].map(([until, ids]) => deps.feed.announce(ids, new Date(until))),
    ...inForce.map(({ sessionId, until }) =>
      deps.keys.set(revokedSessionName(sessionId), "1", secondsUntil(until, now)),
    ),
  ]);
  await deps.db.revocations.markDelivered(revocations, now);
}

/**
 * After the commit that ended the sessions: delivered at once as a rule. If
 * the key store (or the database marking it delivered) fails, the session
 * end stands and the answer says so; the announcement waits in the log, and
 * every server's worker delivers it (see deliverPendingRevocations).
 */
export async function announceRevocations(
  deps: Pick<AuthDeps, "keys" | "feed" | "clock" | "db" | "log">,
  revocations: Revocation[],
): Promise<void> {
  try {
    await deliverRevocations(deps, revocations);
  } catch (error) {
    deps.log?.("revocation_announcement_deferred", {
      sessions: String(revocations.length),
      reason: failureReason(error),
    });
  }
}

/** Undelivered announcements one worker pass handles; more wait for the next pass. */
const DELIVERY_BATCH = 500;

/**
 * One pass of the worker every server runs: reads the undelivered
 * announcements from PostgreSQL and delivers them. Even when delivery fails,
 * this server's feed has learned them, so it refuses those sessions' access
 * tokens from this pass on: the per-request fallback until the key store
 * has them, at the cost of one indexed query per pass.
 */
export async function deliverPendingRevocations(
  deps: Pick<AuthDeps, "keys" | "feed" | "clock" | "db">,
): Promise<{ pending: number }> {
  const pending = await deps.db.revocations.undelivered(deps.clock.now(), DELIVERY_BATCH);
  await deliverRevocations(deps, pending);
  return { pending: pending.length };
}

/** A failure as a log can name it: its reason when it is Latch's own, else its name. */
export function failureReason(error: unknown): string {
  if (error && typeof error === "object" && "reason" in error) return String(error.reason);
  return error instanceof Error ? error.name : "unknown error";
}

/**
 * A key the store keeps next to the revocation marks, holding when it was
 * written. Its absence says the store lost state (a flush, a restart without
 * persistence, a new database): marks may be gone with it, so the store
 * cannot vouch for any session until every access token issued before the
 * loss has expired, one access-token lifetime after the marker is back.
 */
export const REVOCATIONS_INTACT_MARKER = "revocations-intact-since";
/** Outlives any access token many times over; if it ever expires, the fallback just runs once more. */
const MARKER_TTL_SECONDS = 30 * 24 * 3600;

/** "unvouched": the key store cannot say (see the marker above); ask the database. */
export type RevocationStatus = "revoked" | "live" | "unvouched";

export async function sessionRevocationStatus(
  keys: KeyStore,
  claims: AccessClaims,
  now: Date,
  accessTtlSeconds: number,
): Promise<RevocationStatus> {
  const [mark, marker] = await keys.getMany([
    revokedSessionName(claims.sessionId),
    REVOCATIONS_INTACT_MARKER,
  ]);
  if (mark !== null) return "revoked";
  const since = Number(marker);
  if (marker !== null && Number.isSafeInteger(since)) {
    return now.getTime() - since >= accessTtlSeconds * 1000 ? "live" : "unvouched";
  }
  await keys.set(REVOCATIONS_INTACT_MARKER, String(now.getTime()), MARKER_TTL_SECONDS);
  return "unvouched";
}
