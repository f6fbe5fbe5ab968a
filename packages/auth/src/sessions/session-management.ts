import type { LogoutAllInput, RevokeSessionInput } from "@latch/validators";
import { recordSessionsEnded } from "../audit/account-events";
import { recordedTransaction } from "../audit/recorded-transaction";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import type { AccessClaims } from "../tokens/token-service";
import { announceRevocations, recordRevocations } from "./revocation";
import type { RequestMeta } from "./sessions";

export interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  /** Coarsened when the session was created (an IPv4 /24 or IPv6 /48). */
  ip: string | null;
  current: boolean;
}

export async function listSessions(
  deps: Pick<AuthDeps, "db" | "clock">,
  caller: AccessClaims,
): Promise<{ sessions: SessionView[] }> {
  const sessions = await deps.db.sessions.listLive(caller.userId, deps.clock.now());
  return {
    sessions: sessions.map((session) => ({
      id: session.id,
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      userAgent: session.userAgent,
      ip: session.ip,
      current: session.id === caller.sessionId,
    })),
  };
}

/** Ends one of the caller's own sessions: its refresh token fails at once, its access tokens too. */
export async function revokeSession(
  deps: AuthDeps,
  caller: AccessClaims,
  input: RevokeSessionInput,
  meta?: RequestMeta,
): Promise<{ status: "revoked" }> {
  const now = deps.clock.now();
  const revocations = await recordedTransaction(deps, async (tx) => {
    if (!(await tx.sessions.revokeOwn(input.sessionId, caller.userId, now, "revoked_by_user"))) {
      throw new AuthError("SESSION_NOT_FOUND");
    }
    const ended = { type: "session.ended", reason: "revoked_by_user" } as const;
    await recordSessionsEnded(tx, { userId: caller.userId, meta, at: now }, ended, [
      input.sessionId,
    ]);
    return recordRevocations(deps, tx, [input.sessionId], now);
  });
  await announceRevocations(deps, revocations);
  return { status: "revoked" };
}

export async function logoutAll(
  deps: AuthDeps,
  caller: AccessClaims,
  input: LogoutAllInput,
  meta?: RequestMeta,
): Promise<{ status: "logged_out"; revoked: number }> {
  const now = deps.clock.now();
  const revocations = await recordedTransaction(deps, async (tx) => {
    const revoked = await tx.sessions.revokeAllOfUser(
      caller.userId,
      now,
      "logout_all",
      input.keepCurrent ? caller.sessionId : null,
    );
    const ended = { type: "session.ended", reason: "logout_all" } as const;
    await recordSessionsEnded(tx, { userId: caller.userId, meta, at: now }, ended, revoked);
    return recordRevocations(deps, tx, revoked, now);
  });
  await announceRevocations(deps, revocations);
  return { status: "logged_out", revoked: revocations.length };
}
