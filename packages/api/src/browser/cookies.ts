import { type AuthDeps, type IssuedTokens, isOutage } from "@latch/auth";
import { isLocale, LOCALE_COOKIE, type Locale } from "@latch/i18n/locales";
import { parseCookie, stringifySetCookie } from "cookie";
import { isHttps } from "../http/security-headers";

export interface SessionCookies {
  access: string | null;
  refresh: string | null;
}

/**
 * Over https the names carry the browser-enforced prefix `__Host-`: Secure,
 * Path=/ and no Domain, so no sibling subdomain can set or shadow them.
 */
export function sessionCookieNames(appUrl: string): { access: string; refresh: string } {
  return isHttps(appUrl)
    ? { access: "__Host-latch_access", refresh: "__Host-latch_refresh" }
    : { access: "latch_access", refresh: "latch_refresh" };
}

/** Reads only this deployment's names: an unprefixed cookie on https may have been planted. */
export function readSessionCookies(header: string | null, appUrl: string): SessionCookies {
  const jar = header ? parseCookie(header) : {};
  const names = sessionCookieNames(appUrl);
  return { access: jar[names.access] || null, refresh: jar[names.refresh] || null };
}

const seconds = (iso: string, now: Date) =>
  Math.max(0, Math.floor((new Date(iso).getTime() - now.getTime()) / 1000));

function cookiePair(
  appUrl: string,
  values: { access: string; refresh: string },
  maxAge: { access: number; refresh: number },
): string[] {
  // Secure whenever the app is served over https; plain http is only for local development.
  const secure = isHttps(appUrl);
  const names = sessionCookieNames(appUrl);
  return [
    stringifySetCookie({
      name: names.access,
      value: values.access,
      httpOnly: true,
      secure,
      // Lax so a server-rendered page opened from a link still knows who is signed in;
      // state-changing requests are guarded by the Origin check instead.
      sameSite: "lax",
      path: "/",
      maxAge: maxAge.access,
    }),
    stringifySetCookie({
      name: names.refresh,
      value: values.refresh,
      httpOnly: true,
      secure,
      // Strict: never sent on a navigation from another site. Path=/ so that Latch's own
      // pages can renew an expired access cookie on the server (apps/web/src/proxy.ts).
      sameSite: "strict",
      path: "/",
      maxAge: maxAge.refresh,
    }),
  ];
}

export function sessionCookieHeaders(tokens: IssuedTokens, appUrl: string, now: Date): string[] {
  return cookiePair(
    appUrl,
    { access: tokens.access, refresh: tokens.refresh },
    {
      access: seconds(tokens.accessExpiresAt, now),
      refresh: seconds(tokens.refreshExpiresAt, now),
    },
  );
}

export function clearedCookieHeaders(appUrl: string): string[] {
  return cookiePair(appUrl, { access: "", refresh: "" }, { access: 0, refresh: 0 });
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The pages' language for this browser (read by the app's request config and by
 * the API's messages). Not HttpOnly: it is a preference the page's picker sets too.
 */
function localeCookieHeader(locale: Locale, appUrl: string): string {
  return stringifySetCookie({
    name: LOCALE_COOKIE,
    value: locale,
    secure: isHttps(appUrl),
    sameSite: "lax",
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
  });
}

/**
 * At a browser login: the account's language as this browser's, so the pages
 * speak it on a new device as the emails do. None when the browser picked one
 * (`picked`: it stays), or the account never chose one. A preference: an outage
 * reading it costs the cookie, never the login.
 */
export async function accountLocaleCookie(
  deps: AuthDeps,
  userId: string,
  picked: Locale | null,
): Promise<string[]> {
  if (picked) return [];
  const account = await deps.db.users.findById(userId).catch((error: unknown) => {
    if (isOutage(error)) return null;
    throw error;
  });
  return account && isLocale(account.locale)
    ? [localeCookieHeader(account.locale, deps.policy.appUrl)]
    : [];
}
