import { z } from "zod";
import type { AuthDeps } from "../deps";
import { base64url, hmacSha256, sha256 } from "../encoding";
import { readStoredRecord } from "../keys/stored-record";
import type { AuthorizationChecks } from "../ports/identity-provider";

/** How long a person may spend at the provider before the round trip is void. */
export const AUTHORIZATION_TTL_SECONDS = 600;

const recordSchema = z.object({
  providerId: z.string(),
  redirectUri: z.string(),
  /** Connecting to a signed-in account (its id), or signing in (null). */
  connectTo: z.string().nullable(),
  returnTo: z.string().nullable(),
});

/** What the callback learns about the round trip it ends. */
export type PendingAuthorization = z.infer<typeof recordSchema> & { checks: AuthorizationChecks };

/**
 * The key store holds a SHA-256 of the state, never the state, and no secret
 * at all: the PKCE verifier and the nonce are MACs of the state under the
 * server's secret, so a dump of Redis completes no sign-in.
 */
const nameOf = (state: string) => `oidc-state:${sha256(state)}`;

function checksFor(
  deps: Pick<AuthDeps, "secret">,
  state: string,
  redirectUri: string,
): AuthorizationChecks {
  return {
    state,
    nonce: hmacSha256(deps.secret, `oidc-nonce\n${state}`),
    // 43 base64url characters: the shortest verifier RFC 7636 allows, with 256 bits in it.
    codeVerifier: hmacSha256(deps.secret, `oidc-pkce\n${state}`),
    redirectUri,
  };
}

/**
 * Starts a round trip to a provider: a random 256-bit state, remembered once
 * in the key store (so any server can finish it) with what it is for. The
 * caller also binds the state to the browser (an HttpOnly cookie), so a
 * callback carried into another browser signs nobody in there.
 */
export async function beginAuthorization(
  deps: Pick<AuthDeps, "keys" | "random" | "secret">,
  request: z.infer<typeof recordSchema>,
): Promise<AuthorizationChecks> {
  const state = base64url(deps.random.bytes(32));
  await deps.keys.set(nameOf(state), JSON.stringify(request), AUTHORIZATION_TTL_SECONDS);
  return checksFor(deps, state, request.redirectUri);
}

/**
 * Ends a round trip: GETDEL, so of a callback and its replay (on any server)
 * exactly one gets the record; the other, and an unknown or expired state, null.
 */
export async function takeAuthorization(
  deps: Pick<AuthDeps, "keys" | "secret">,
  state: string,
): Promise<PendingAuthorization | null> {
  const record = readStoredRecord(await deps.keys.getAndDelete(nameOf(state)), recordSchema);
  return record && { ...record, checks: checksFor(deps, state, record.redirectUri) };
}
