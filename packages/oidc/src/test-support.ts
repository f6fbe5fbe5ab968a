import type { AuthorizationChecks, IdentityProvider } from "@latch/auth/ports";
import { randomNonce, randomPKCECodeVerifier, randomState } from "openid-client";
import type { ProviderSettings } from "./settings";

/** Fresh checks for one round trip, as the API would keep them in its cookie. */
export function newChecks(id = "acme"): AuthorizationChecks {
  return {
    state: randomState(),
    nonce: randomNonce(),
    codeVerifier: randomPKCECodeVerifier(),
    redirectUri: `http://localhost:3000/api/auth/oidc/${id}/callback`,
  };
}

/**
 * The browser's part, without a browser: the doubles' authorize endpoints
 * redirect straight back, so the Location header is the callback. A form_post
 * page (Apple) is read as the API reads the POST: its fields become the
 * callback's query.
 */
export async function authorize(
  provider: IdentityProvider,
  checks: AuthorizationChecks,
): Promise<URL> {
  let response = await fetch(await provider.authorizationUrl(checks), { redirect: "manual" });
  let location = new URL(response.headers.get("location") ?? "", "http://invalid");
  if (location.pathname !== "/form_post") return location;
  response = await fetch(location, { redirect: "manual" });
  const page = await response.text();
  const action = /action="([^"]+)"/.exec(page)?.[1] ?? "";
  location = new URL(action);
  for (const [, name = "", value = ""] of page.matchAll(/name="([^"]+)" value="([^"]*)"/g)) {
    location.searchParams.set(name, value);
  }
  return location;
}

export function settings(
  overrides: Partial<ProviderSettings> & { issuer: string },
): ProviderSettings {
  return {
    id: "acme",
    name: "Acme ID",
    clientId: "latch-client",
    clientSecret: "latch-secret",
    scopes: "openid email profile",
    trustEmail: false,
    ...overrides,
  };
}
