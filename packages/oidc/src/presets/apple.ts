import type { IdentityProvider } from "@latch/auth/ports";
import { importPKCS8, SignJWT } from "jose";
import type { ClientAuth } from "openid-client";
import { createOidcProvider, type ProviderTiming } from "../oidc-provider";
import type { ProviderSettings } from "../settings";

/** Apple accepts client secrets valid for up to six months; ours live minutes. */
const SECRET_LIFETIME_SECONDS = 300;

/**
 * Sign in with Apple: OpenID Connect with two quirks. The answer comes back
 * as a POST form when name or email is asked for (response_mode=form_post),
 * and the client secret is an ES256 JWT signed with the team's key, made
 * fresh for each token request. There is no userinfo endpoint; the address
 * is in the ID token. Private relay addresses (@privaterelay.appleid.com)
 * are ordinary addresses that forward to the person.
 */
export function apple(settings: ProviderSettings, timing: ProviderTiming): IdentityProvider {
  const key = settings.apple;
  if (!key) throw new TypeError("apple needs its team id, key id and private key");
  const issuer = new URL(settings.issuer);
  const signingKey = importPKCS8(key.privateKey, "ES256");
  // Keep an unused rejection from surfacing before the first sign-in awaits it.
  signingKey.catch(() => {});

  const clientAuth: ClientAuth = async (_server, client, body) => {
    const now = Math.floor(timing.now() / 1000);
    const secret = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256", kid: key.keyId })
      .setIssuer(key.teamId)
      .setSubject(client.client_id)
      .setAudience(issuer.origin)
      .setIssuedAt(now)
      .setExpirationTime(now + SECRET_LIFETIME_SECONDS)
      .sign(await signingKey);
    body.set("client_id", client.client_id);
    body.set("client_secret", secret);
  };

  return createOidcProvider({
    id: settings.id,
    name: settings.name,
    trustEmail: settings.trustEmail,
    issuer,
    clientId: settings.clientId,
    clientAuth,
    scopes: settings.scopes,
    responseMode: "form_post",
    timing,
  });
}
