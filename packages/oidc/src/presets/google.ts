import type { IdentityProvider } from "@latch/auth/ports";
import { createOidcProvider, type ProviderTiming } from "../oidc-provider";
import type { ProviderSettings } from "../settings";

/** Google is a plain OpenID provider: discovery at accounts.google.com, userinfo checked. */
export function google(settings: ProviderSettings, timing: ProviderTiming): IdentityProvider {
  return createOidcProvider({
    id: settings.id,
    name: settings.name,
    trustEmail: settings.trustEmail,
    issuer: new URL(settings.issuer),
    clientId: settings.clientId,
    clientAuth: settings.clientSecret ?? "",
    scopes: settings.scopes,
    timing,
  });
}
