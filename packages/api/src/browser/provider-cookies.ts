import { parseCookie, stringifySetCookie } from "cookie";
import { isHttps } from "../http/security-headers";

/**
 * The two cookies of a provider sign-in, both HttpOnly and short-lived: the
 * round trip's state (binding the callback to the browser that started it,
 * so a callback URL carried into another browser signs nobody in there), and
 * a pending link (an identity waiting for its account's login). Over https
 * they carry the `__Host-` prefix, as the session cookies do.
 */
const names = (appUrl: string) =>
  isHttps(appUrl)
    ? { state: "__Host-latch_oidc_state", link: "__Host-latch_link" }
    : { state: "latch_oidc_state", link: "latch_link" };

export interface ProviderCookies {
  state: string | null;
  link: string | null;
}

export function readProviderCookies(header: string | null, appUrl: string): ProviderCookies {
  const jar = header ? parseCookie(header) : {};
  const { state, link } = names(appUrl);
  return { state: jar[state] || null, link: jar[link] || null };
}

function cookie(appUrl: string, name: string, value: string, maxAge: number): string {
  return stringifySetCookie({
    name,
    value,
    httpOnly: true,
    secure: isHttps(appUrl),
    // Lax: the provider sends the browser back with a top-level GET from its own site.
    sameSite: "lax",
    path: "/",
    maxAge,
  });
}

export const stateCookie = (appUrl: string, state: string, maxAge: number) =>
  cookie(appUrl, names(appUrl).state, state, maxAge);
export const clearedStateCookie = (appUrl: string) => cookie(appUrl, names(appUrl).state, "", 0);
export const linkCookie = (appUrl: string, token: string, maxAge: number) =>
  cookie(appUrl, names(appUrl).link, token, maxAge);
export const clearedLinkCookie = (appUrl: string) => cookie(appUrl, names(appUrl).link, "", 0);
