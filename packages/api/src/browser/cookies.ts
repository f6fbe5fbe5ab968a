import type { IssuedTokens } from "@latch/auth";
import { parseCookie, stringifySetCookie } from "cookie";

export const ACCESS_COOKIE = "latch_access";
export const REFRESH_COOKIE = "latch_refresh";
/** The refresh token only travels to the API, never to pages or assets. */
const REFRESH_PATH = "/api/trpc";

export interface SessionCookies {
  access: string | null;
  refresh: string | null;
}

export function readSessionCookies(header: string | null): SessionCookies {
  const jar = header ? parseCookie(header) : {};
  return { access: jar[ACCESS_COOKIE] || null, refresh: jar[REFRESH_COOKIE] || null };
}

/** Secure whenever the app is served over https; plain http is only for local development. */
const isSecure = (appUrl: string) => new URL(appUrl).protocol === "https:";

const seconds = (iso: string, now: Date) =>
  Math.max(0, Math.floor((new Date(iso).getTime() - now.getTime()) / 1000));

export function sessionCookieHeaders(tokens: IssuedTokens, appUrl: string, now: Date): string[] {
  const secure = isSecure(appUrl);
  return [
    stringifySetCookie({
      name: ACCESS_COOKIE,
      value: tokens.access,
      httpOnly: true,
      secure,
      // Lax so a server-rendered page opened from a link still knows who is signed in;
      // state-changing requests are guarded by the Origin check instead.
      sameSite: "lax",
      path: "/",
      maxAge: seconds(tokens.accessExpiresAt, now),
    }),
    stringifySetCookie({
      name: REFRESH_COOKIE,
      value: tokens.refresh,
      httpOnly: true,
      secure,
      sameSite: "strict",
      path: REFRESH_PATH,
      maxAge: seconds(tokens.refreshExpiresAt, now),
    }),
  ];
}

export function clearedCookieHeaders(appUrl: string): string[] {
  const secure = isSecure(appUrl);
  return [
    stringifySetCookie({
      name: ACCESS_COOKIE,
      value: "",
      httpOnly: true,
      secure,
      sameSite: "lax",
      path: "/",
      maxAge: 0,
    }),
    stringifySetCookie({
      name: REFRESH_COOKIE,
      value: "",
      httpOnly: true,
      secure,
      sameSite: "strict",
      path: REFRESH_PATH,
      maxAge: 0,
    }),
  ];
}
