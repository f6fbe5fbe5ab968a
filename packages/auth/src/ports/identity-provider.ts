/**
 * A social or OpenID Connect provider, as the domain needs it. The adapter
 * (packages/oidc, on openid-client) speaks the protocol and validates what
 * the provider returns; the domain decides what a validated profile may do.
 */

/** What a provider vouched for, after the protocol library validated its answer. */
export interface ProviderProfile {
  /** The issuer that signed the ID token (for Microsoft, the tenant's own issuer). */
  issuer: string;
  /** The provider's stable id of the person; with the issuer, the identity's key. */
  subject: string;
  /** The address the provider gave, normalized like every address in Latch; null when none. */
  email: string | null;
  /** True only when the provider said the address is verified (see verifiedAddressClaim). */
  emailVerified: boolean;
}

/** What one authorization round trip is bound to; the callback must match all of it. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  /** PKCE: the provider gets its S256 challenge, the token request the verifier. */
  codeVerifier: string;
  redirectUri: string;
}

export interface IdentityProvider {
  /** The configured id (`OIDC_PROVIDERS`), used in paths: `/api/auth/oidc/<id>/callback`. */
  readonly id: string;
  /** The button's label: "Continue with <name>". */
  readonly name: string;
  /**
   * OIDC_<ID>_TRUST_EMAIL: a verified address from this provider may sign in
   * to an existing account with that address without the link step.
   */
  readonly trustEmail: boolean;
  /** Where to send the browser; throws ProviderUnavailable when discovery fails. */
  authorizationUrl(checks: AuthorizationChecks): Promise<URL>;
  /**
   * Redeems the callback's code and validates the answer (state, ID token
   * issuer, audience, expiry, nonce and signature, and a profile whose subject
   * is the ID token's). Throws ProviderRefused or ProviderUnavailable.
   */
  finish(callback: URL, checks: AuthorizationChecks): Promise<ProviderProfile>;
}

/** The provider's answer was wrong, refused, or not for us: nobody is signed in. */
export class ProviderRefused extends Error {
  override readonly name = "ProviderRefused";
}

/** The provider (or its discovery document) did not answer in time: try again later. */
export class ProviderUnavailable extends Error {
  override readonly name = "ProviderUnavailable";
}

/**
 * The one reading of `email_verified`: only the JSON boolean true counts. The
 * string "true" or "false", a missing claim and anything else are unverified,
 * because a provider that sends strings is one whose other checks we cannot
 * assume either (the takeovers of 2026 started with lenient readings).
 */
export function verifiedAddressClaim(value: unknown): boolean {
  return value === true;
}
