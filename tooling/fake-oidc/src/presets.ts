import { type FakeOidcProvider, startFakeOidcProvider } from "./fake-oidc-provider";

const ENTRA = "https://login.microsoftonline.com";

/**
 * Entra ID's shape: for the multi-tenant forms (`common`, `organizations`,
 * `consumers`) the discovery document's issuer is the template
 * `https://login.microsoftonline.com/{tenantid}/v2.0` and each ID token's
 * `iss` names the person's tenant (also in `tid`). The adapter reaches this
 * double by routing Entra's origin to it, so the tokens carry Entra's issuers.
 * With a tenant id instead of `common`, the issuer is that tenant's, fixed.
 */
export function startFakeMicrosoft(tenant = "common"): Promise<FakeOidcProvider> {
  const multiTenant = ["common", "organizations", "consumers"].includes(tenant);
  const issuer = multiTenant ? `${ENTRA}/{tenantid}/v2.0` : `${ENTRA}/${tenant}/v2.0`;
  return startFakeOidcProvider({
    issuerPath: `/${tenant}/v2.0`,
    discoveryIssuer: () => issuer,
    tokenIssuer: (person) =>
      multiTenant ? issuer.replace("{tenantid}", person.tid ?? "") : issuer,
  });
}

/** Apple's shape: form_post answers, no userinfo endpoint (the address is in the ID token). */
export function startFakeApple(): Promise<FakeOidcProvider> {
  return startFakeOidcProvider({ formPost: true, userinfo: false });
}
