import type { AuthPolicy } from "../deps";

export interface RelyingParty {
  /** The RP ID: APP_URL's host name, which every passkey is scoped to. */
  id: string;
  /** The one origin a ceremony may come from: APP_URL's. */
  origin: string;
  /** What the browser shows as the site's name (APP_NAME). */
  name: string;
}

/** Who Latch is to an authenticator, from APP_URL alone: never from the request's Host header. */
export function relyingParty(policy: Pick<AuthPolicy, "appUrl" | "totpIssuer">): RelyingParty {
  const url = new URL(policy.appUrl);
  return { id: url.hostname, origin: url.origin, name: policy.totpIssuer };
}
