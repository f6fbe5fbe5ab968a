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

/** Records a new session and signs its first token pair. */
export async function startSession(
  deps: Pick<AuthDeps, "tokens" | "policy" | "random">,
  repos: Repositories,
  user: User,
  meta: RequestMeta,
  now: Date,
): Promise<SignedIn> {
  // Inside the caller's transaction this also holds the user's row until the
  // session commits, so a ban racing this sign-in ends the session it sees.
  if (!(await repos.users.holdUnlessBanned(user.id, now))) throw new AuthError("ACCOUNT_BANNED");
  const refreshTokenId = newTokenId(deps.random);
  const { refreshTokenTtlSeconds, sessionMaxLifetimeSeconds } = deps.policy;
  const session = await repos.sessions.create({
    userId: user.id,
    refreshTokenId,
    createdAt: now,
    expiresAt: new Date(
      now.getTime() + Math.min(refreshTokenTtlSeconds, sessionMaxLifetimeSeconds) * 1000,
    ),
    userAgent: meta.userAgent,
    ip: coarsenIp(meta.ip),
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
