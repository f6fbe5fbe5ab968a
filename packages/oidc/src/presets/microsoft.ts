import type { IdentityProvider } from "@latch/auth/ports";
import { createOidcProvider, type ProviderTiming } from "../oidc-provider";
import { isLoopback, type ProviderSettings } from "../settings";

const ENTRA = "https://login.microsoftonline.com";

/**
 * Entra ID. For the multi-tenant issuers (`/common/v2.0`, `/organizations/v2.0`,
 * `/consumers/v2.0`) the discovery document names the issuer template
 * `.../{tenantid}/v2.0`; openid-client, recognising Entra's origin, then
 * requires each ID token's `iss` to be the template filled with the token's
 * own `tid`, so one tenant cannot pose as another. A tenant's own issuer is
 * compared exactly. A loopback issuer is a local double: discovery still
 * asks for Entra's issuer (so the same check runs) but the requests go there.
 */
export function microsoft(settings: ProviderSettings, timing: ProviderTiming): IdentityProvider {
  const configured = new URL(settings.issuer);
  const standIn = isLoopback(configured) ? configured : undefined;
  return createOidcProvider({
    id: settings.id,
    name: settings.name,
    trustEmail: settings.trustEmail,
    issuer: standIn ? new URL(`${ENTRA}${configured.pathname}`) : configured,
    ...(standIn ? { standIn } : {}),
    clientId: settings.clientId,
    clientAuth: settings.clientSecret ?? "",
    scopes: settings.scopes,
    timing,
  });
}
