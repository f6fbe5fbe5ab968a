import type { AuthDeps } from "./deps";
import { AuthError } from "./errors";
import { isSessionRevoked } from "./revocation";
import type { PublicUser } from "./sessions";
import type { AccessClaims } from "./tokens/token-service";

/**
 * Checks a bearer access token: signature and claims locally, then one
 * key-store read for an ended session. No database query.
 */
export async function authenticate(
  deps: Pick<AuthDeps, "tokens" | "keys" | "clock">,
  accessToken: string | null,
): Promise<AccessClaims> {
  if (!accessToken) throw new AuthError("ACCESS_TOKEN_MISSING");
  const claims = await deps.tokens.verifyAccess(accessToken, deps.clock.now());
  if (await isSessionRevoked(deps.keys, claims)) throw new AuthError("SESSION_REVOKED");
  return claims;
}

export const userFromClaims = (claims: AccessClaims): PublicUser => ({
  id: claims.userId,
  email: claims.email,
});
