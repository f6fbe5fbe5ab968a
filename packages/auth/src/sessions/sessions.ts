import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { base64url } from "../encoding";
import { AuthError } from "../errors";
import { coarsenIp } from "../ip";
import type { Random } from "../ports/clock-and-random";
import type { Repositories, User } from "../ports/database";
import type { IssuedTokens } from "../tokens/token-service";

export interface RequestMeta {
  userAgent: string | null;
  ip: string | null;
  /**
   * The request's language, as the api layer checked it: the email language of
   * an account this request creates. Not audited; absent, a new account's is
   * DEFAULT_LOCALE.
   */
  locale?: string;
}

export interface PublicUser {
  id: string;
  email: string;
}

export interface SignedIn {
  user: PublicUser;
  tokens: IssuedTokens;
}

export const publicUser = (user: Pick<User, "id" | "email">): PublicUser => ({
  id: user.id,
  email: user.email,
});

export const newTokenId = (random: Random) => base64url(random.bytes(16));

/** How a session was won, as the audit trail's login.succeeded says. */
export type LoginMethod =
  | "password"
  | "passkey"
  | "provider"
  | "email_link"
  | "email_code"
  | "activation"
  | "totp"
  | "recovery_code";

/**
 * Records a new session and its login.succeeded event (which announces
 * session.created) with `tx`, the transaction the caller signs in with, then
 * signs the session's first token pair.
 */
export async function startSession(
  deps: Pick<AuthDeps, "tokens" | "policy" | "random">,
  tx: Repositories,
  user: User,
  meta: RequestMeta,
  now: Date,
  method: LoginMethod,
): Promise<SignedIn> {
  // Inside the caller's transaction this also holds the user's row until the
  // session commits, so a ban racing this sign-in ends the session it sees.
  if (!(await tx.users.holdUnlessBanned(user.id, now))) throw new AuthError("ACCOUNT_BANNED");
  const refreshTokenId = newTokenId(deps.random);
  const { refreshTokenTtlSeconds, sessionMaxLifetimeSeconds } = deps.policy;
  const session = await tx.sessions.create({
    userId: user.id,
    refreshTokenId,
    createdAt: now,
    expiresAt: new Date(
      now.getTime() + Math.min(refreshTokenTtlSeconds, sessionMaxLifetimeSeconds) * 1000,
    ),
    userAgent: meta.userAgent,
    ip: coarsenIp(meta.ip),
  });
  await recordEvent(tx, {
    type: "login.succeeded",
    userId: user.id,
    meta,
    at: now,
    detail: { method, sessionId: session.id },
    webhook: { type: "session.created", data: { userId: user.id, sessionId: session.id } },
  });
  const tokens = await deps.tokens.issue(
    {
      userId: user.id,
      email: user.email,
      sessionId: session.id,
      refreshTokenId,
      sessionExpiresAt: session.expiresAt,
    },
    now,
  );
  return { user: publicUser(user), tokens };
}
