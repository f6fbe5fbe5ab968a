import type { IdentityProvider } from "@latch/auth";
import { createIdentityProviders } from "@latch/oidc";
import type { Env } from "./env";

/** The sign-in providers of OIDC_PROVIDERS, each asking its provider within OIDC_TIMEOUT_MS. */
export function identityProviders(env: Env): IdentityProvider[] {
  return createIdentityProviders(env.oidcProviders, { timeoutMs: env.OIDC_TIMEOUT_MS });
}
