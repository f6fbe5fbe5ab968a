import type { ChangePasswordInput } from "@latch/validators";
import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { newKeyStamp } from "../keys/one-time-keys";
import { screenNewPassword } from "../passwords/password-screen";
import { announceRevocations, recordRevocations } from "../sessions/revocation";
import { newTokenId, type RequestMeta } from "../sessions/sessions";
import type { AccessClaims, IssuedTokens } from "../tokens/token-service";
import { confirmPassword } from "./account-access";

/**
 * Sets the new password, ends every other session and hands this one fresh
 * tokens, all in one transaction; outstanding reset and activation keys die
 * with the new key stamp, and the
 * "password changed" notice commits with the change.
 */
export async function changePassword(
  deps: AuthDeps,
  caller: AccessClaims,
  input: ChangePasswordInput,
  meta?: RequestMeta,
): Promise<{ tokens: IssuedTokens }> {
  await screenNewPassword(deps, input.newPassword, "newPassword");
  const user = await confirmPassword(deps, caller, input.currentPassword);
  const passwordHash = await deps.passwords.hash(input.newPassword);
  const now = deps.clock.now();
  const toTokenId = newTokenId(deps.random);

  const { revocations, reissued } = await deps.db.transaction(async (tx) => {
    const updated = await tx.users.setPassword(user.id, {
      passwordHash,
      keyStamp: newKeyStamp(deps.random),
    });
    if (!updated) throw new AuthError("SESSION_REVOKED");
    const revoked = await tx.sessions.revokeAllOfUser(
      user.id,
      now,
      "password_changed",
      caller.sessionId,
    );
    const reissued = await tx.sessions.reissue({
      sessionId: caller.sessionId,
      userId: user.id,
      toTokenId,
      now,
      expiresAt: new Date(now.getTime() + deps.policy.refreshTokenTtlSeconds * 1000),
      maxLifetimeSeconds: deps.policy.sessionMaxLifetimeSeconds,
    });
    // Without a live session to continue, nothing may change.
    if (reissued.status !== "rotated") throw new AuthError("SESSION_REVOKED");
    await tx.outbox.enqueue(
      { kind: "password_changed", to: updated.email, locale: updated.locale },
      now,
    );
    await recordEvent(tx, {
      type: "password.changed",
      userId: user.id,
      meta,
      at: now,
      detail: { sessionsEnded: String(revoked.length) },
      webhook: { type: "password.changed", data: { userId: user.id } },
    });
    return { revocations: await recordRevocations(deps, tx, revoked, now), reissued };
  });

  await announceRevocations(deps, revocations);
  deps.wakeOutbox();
  const tokens = await deps.tokens.issue(
    {
      userId: reissued.user.id,
      email: reissued.user.email,
      sessionId: caller.sessionId,
      refreshTokenId: toTokenId,
      sessionExpiresAt: reissued.expiresAt,
    },
    now,
  );
  return { tokens };
}
