import type { AuthDeps, RequestMeta } from "@latch/auth";
import { localeFromCookieHeader, localeOfRequest } from "@latch/i18n";
import { defaultLocale, type Locale } from "@latch/i18n/locales";
import { readSessionCookies, type SessionCookies } from "./browser/cookies";
import { readProviderCookies } from "./browser/provider-cookies";

export interface Context {
  deps: AuthDeps;
  meta: RequestMeta;
  /** The request's language (picked cookie, else Accept-Language): for messages, and a new account's emails. */
  locale: Locale;
  /** The language this browser picked (its latch_locale cookie), if it did. */
  pickedLocale: Locale | null;
  /** Bearer access token from the Authorization header (API clients). */
  accessToken: string | null;
  /** Session cookies (browsers). */
  cookies: SessionCookies;
  /** A provider's identity waiting to be linked once this browser signs in (its HttpOnly cookie). */
  pendingLink: string | null;
  /** The Origin header, checked against APP_URL before a cookie-authenticated change. */
  origin: string | null;
  /** Response headers the procedure may add to (Set-Cookie); null for server-side callers. */
  resHeaders: Headers | null;
}

/** Request-independent entry point: also what tests and server components call through createCaller. */
export function createContextInner(input: {
  deps: AuthDeps;
  meta?: Partial<RequestMeta>;
  locale?: Locale;
  pickedLocale?: Locale | null;
  accessToken?: string | null;
  cookies?: Partial<SessionCookies>;
  pendingLink?: string | null;
  origin?: string | null;
  resHeaders?: Headers | null;
}): Context {
  return {
    deps: input.deps,
    meta: { userAgent: input.meta?.userAgent ?? null, ip: input.meta?.ip ?? null },
    locale: input.locale ?? defaultLocale,
    pickedLocale: input.pickedLocale ?? null,
    accessToken: input.accessToken ?? null,
    cookies: { access: input.cookies?.access ?? null, refresh: input.cookies?.refresh ?? null },
    pendingLink: input.pendingLink ?? null,
    origin: input.origin ?? null,
    resHeaders: input.resHeaders ?? null,
  };
}

const MAX_USER_AGENT = 512;

export function bearerToken(authorization: string | null): string | null {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

export function createContextFromRequest(
  request: Request,
  resHeaders: Headers,
  deps: AuthDeps,
  options: { trustProxy: boolean },
): Context {
  return {
    ...contextOfHeaders(request.headers, deps, options),
    accessToken: bearerToken(request.headers.get("authorization")),
    origin: request.headers.get("origin"),
    resHeaders,
  };
}

/**
 * For server components: the page request's cookies and client address, so
 * that what a page reads is checked and counted as the same call over HTTP
 * would be. No Origin and nowhere to set cookies: it reads, never signs in or out.
 */
export function createServerContext(
  headers: Headers,
  deps: AuthDeps,
  options: { trustProxy: boolean },
): Context {
  return contextOfHeaders(headers, deps, options);
}

function contextOfHeaders(
  headers: Headers,
  deps: AuthDeps,
  options: { trustProxy: boolean },
): Context {
  const forwarded = options.trustProxy ? headers.get("x-forwarded-for") : null;
  return createContextInner({
    deps,
    cookies: readSessionCookies(headers.get("cookie"), deps.policy.appUrl),
    pendingLink: readProviderCookies(headers.get("cookie"), deps.policy.appUrl).link,
    locale: localeOfRequest(headers),
    pickedLocale: localeFromCookieHeader(headers.get("cookie")) ?? null,
    meta: {
      userAgent: headers.get("user-agent")?.slice(0, MAX_USER_AGENT) ?? null,
      // The right-most entry is the one our proxy appended: the others are the client's to invent.
      ip: forwarded?.split(",").at(-1)?.trim() || null,
    },
  });
}
