import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { enforceClientLimit } from "../limits";
import type { IdentityProvider, ProviderProfile } from "../ports/identity-provider";
import type { RequestMeta } from "../sessions/sessions";
import { beginAuthorization, takeAuthorization } from "./authorization";
import { connectIdentity } from "./links";
import { type ProviderSignInResult, signInWithProvider } from "./provider-sign-in";

/** Where a provider sends the browser back; operators register exactly this URL. */
const providerCallbackPath = (providerId: string) => `/api/auth/oidc/${providerId}/callback`;

function providerOf(deps: Pick<AuthDeps, "identityProviders">, id: string): IdentityProvider {
  const provider = deps.identityProviders.find((candidate) => candidate.id === id);
  if (!provider) throw new AuthError("PROVIDER_NOT_FOUND");
  return provider;
}

/** Protocol failures become the domain's reasons: refused is the caller's, unavailable ours (503). */
async function talkingTo<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // By name, not instanceof: a bundler may load the port's module twice (see isAuthError).
    if (error instanceof Error && error.name === "ProviderRefused") {
      throw new AuthError("PROVIDER_SIGN_IN_INVALID", { cause: error });
    }
    if (error instanceof Error && error.name === "ProviderUnavailable") {
      throw new AuthError("PROVIDER_UNAVAILABLE", { cause: error });
    }
    throw error;
  }
}

/**
 * The first leg: the provider's authorization URL and the state the browser
 * must bring back (the caller keeps it in an HttpOnly cookie). `connectTo` is
 * the signed-in account an identity is being connected to.
 */
export async function beginProviderSignIn(
  deps: AuthDeps,
  request: { providerId: string; connectTo: string | null; returnTo: string | null },
): Promise<{ url: URL; state: string }> {
  const provider = providerOf(deps, request.providerId);
  const redirectUri = new URL(providerCallbackPath(provider.id), deps.policy.appUrl).toString();
  const checks = await beginAuthorization(deps, { ...request, redirectUri });
  const url = await talkingTo(() => provider.authorizationUrl(checks));
  return { url, state: checks.state };
}

export type ProviderCallbackResult = (ProviderSignInResult | { status: "connected" }) & {
  providerName: string;
  returnTo: string | null;
};

/**
 * The second leg. `state` is the callback's, already matched against the
 * browser's cookie by the caller; it is spent here whatever follows, so a
 * replayed callback (on any server) signs nobody in. Counted against the
 * client's login limit before anything is asked of the provider.
 */
export async function completeProviderSignIn(
  deps: AuthDeps,
  callback: { providerId: string; state: string; url: URL; signedInUserId: string | null },
  meta: RequestMeta,
): Promise<ProviderCallbackResult> {
  await enforceClientLimit(deps, "login", meta.ip);
  const provider = providerOf(deps, callback.providerId);
  const pending = await takeAuthorization(deps, callback.state);
  if (!pending || pending.providerId !== provider.id) {
    throw new AuthError("PROVIDER_SIGN_IN_INVALID");
  }
  // A connection finishes only in the session that started it.
  if (pending.connectTo !== null && pending.connectTo !== callback.signedInUserId) {
    throw new AuthError("PROVIDER_SIGN_IN_INVALID");
  }
  const profile: ProviderProfile = await talkingTo(() =>
    provider.finish(callback.url, pending.checks),
  );
  const outcome = pending.connectTo
    ? await connectIdentity(deps, pending.connectTo, provider, profile, meta)
    : await signInWithProvider(deps, provider, profile, meta);
  return { ...outcome, providerName: provider.name, returnTo: pending.returnTo };
}
