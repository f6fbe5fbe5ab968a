import {
  type AuthorizationChecks,
  type IdentityProvider,
  type ProviderProfile,
  ProviderRefused,
  ProviderUnavailable,
} from "@latch/auth/ports";
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  ClientSecretPost,
  Configuration,
  calculatePKCECodeChallenge,
  fetchProtectedResource,
} from "openid-client";
import { providerError } from "../errors";
import type { ProviderTiming } from "../oidc-provider";
import { toProfile } from "../profile";
import { GITHUB_API_URL, isLoopback, type ProviderSettings } from "../settings";

interface GitHubEmail {
  email: unknown;
  primary: unknown;
  verified: unknown;
}

/**
 * GitHub speaks OAuth 2.0, not OpenID Connect: no discovery, no ID token, no
 * nonce. openid-client still runs the code flow (PKCE S256, state), and the
 * person is read from the REST API with the token: the subject is the
 * numeric user id (logins can be renamed and reused), the address the one
 * that is both primary and verified in /user/emails; any other address is
 * reported unverified. The issuer recorded is the configured web base URL
 * (https://github.com, or a GitHub Enterprise host).
 */
export function github(settings: ProviderSettings, timing: ProviderTiming): IdentityProvider {
  const issuer = settings.issuer.replace(/\/+$/, "");
  const api = (settings.apiUrl ?? GITHUB_API_URL).replace(/\/+$/, "");
  const config = new Configuration(
    {
      issuer,
      authorization_endpoint: `${issuer}/login/oauth/authorize`,
      token_endpoint: `${issuer}/login/oauth/access_token`,
    },
    settings.clientId,
    undefined,
    ClientSecretPost(settings.clientSecret ?? ""),
  );
  config.timeout = timing.timeoutMs / 1000;
  if (isLoopback(new URL(issuer)) || isLoopback(new URL(api))) allowInsecureRequests(config);

  async function get(token: string, path: string): Promise<unknown> {
    const headers = new Headers({
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
    });
    const response = await fetchProtectedResource(
      config,
      token,
      new URL(`${api}${path}`),
      "GET",
      null,
      headers,
    );
    if (response.status >= 500 || response.status === 429) {
      throw new ProviderUnavailable(`${settings.id}: ${path} answered ${response.status}`);
    }
    if (!response.ok)
      throw new ProviderRefused(`${settings.id}: ${path} answered ${response.status}`);
    return response.json();
  }

  return {
    id: settings.id,
    name: settings.name,
    trustEmail: settings.trustEmail,

    async authorizationUrl(checks: AuthorizationChecks): Promise<URL> {
      return buildAuthorizationUrl(config, {
        redirect_uri: checks.redirectUri,
        scope: settings.scopes,
        state: checks.state,
        code_challenge: await calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: "S256",
      });
    },

    async finish(callback: URL, checks: AuthorizationChecks): Promise<ProviderProfile> {
      try {
        const current = new URL(checks.redirectUri);
        current.search = callback.search;
        const tokens = await authorizationCodeGrant(config, current, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
        });
        const user = (await get(tokens.access_token, "/user")) as { id?: unknown };
        if (typeof user.id !== "number" || !Number.isSafeInteger(user.id)) {
          throw new ProviderRefused(`${settings.id}: /user has no numeric id`);
        }
        const emails = await get(tokens.access_token, "/user/emails");
        const list: GitHubEmail[] = Array.isArray(emails) ? emails : [];
        const primary = list.find((entry) => entry.primary === true);
        return toProfile(issuer, String(user.id), primary?.email ?? null, primary?.verified);
      } catch (error) {
        throw providerError(settings.id, error);
      }
    },
  };
}
