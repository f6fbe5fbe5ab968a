import { createHash } from "node:crypto";
import { type AuthDeps, type IssuedTokens, isAuthError, refresh } from "@latch/auth";
import { parseCookie, stringifyCookie } from "cookie";
import { decodeJwt } from "jose";
import {
  clearedCookieHeaders,
  readSessionCookies,
  sessionCookieHeaders,
  sessionCookieNames,
} from "./cookies";
import { endsBrowserSession } from "./session-end";

/** An access cookie this close to its expiry is renewed before the page renders. */
const RENEW_BEFORE_EXPIRY_MS = 10_000;

export interface Renewal {
  /** The request's Cookie header as the page should see it. */
  cookieHeader: string;
  /** What the response tells the browser. */
  setCookies: string[];
}

/** When a JWT says it expires, read without verifying: only to decide whether to renew it. */
function expiresAtMs(token: string): number {
  try {
    return (decodeJwt(token).exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

/** RFC 6265 cookie names: `stringifyCookie` refuses any other, so a stray one is left out. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function withCookies(header: string, values: Record<string, string | null>): string {
  const jar = parseCookie(header);
  for (const [name, value] of Object.entries(values)) jar[name] = value ?? undefined;
  for (const name of Object.keys(jar)) if (!COOKIE_NAME.test(name)) delete jar[name];
  return stringifyCookie(jar);
}

/** What one rotation of a refresh cookie gave: new tokens, the session's end, or nothing (an outage). */
type Outcome = { tokens: IssuedTokens } | "ended" | null;

/**
 * Parallel page loads (prefetches, tabs) carry the same refresh cookie, and
 * the first one to rotate it makes the others replays. So the outcome of a
 * rotation is shared, for a few seconds, with the requests that bring the
 * same cookie from the same browser: they get the same new cookies instead
 * of a replay refused (which would send a signed-in person to the login
 * form). Tokens handed out this way are checked like any others, so a
 * session revoked meanwhile still ends.
 */
const SHARE_OUTCOME_MS = 5_000;
const recent = new Map<string, { at: number; outcome: Promise<Outcome> }>();

function sharedRotation(key: string, rotate: () => Promise<Outcome>): Promise<Outcome> {
  const now = Date.now();
  for (const [stale, entry] of recent) if (now - entry.at > SHARE_OUTCOME_MS) recent.delete(stale);
  const known = recent.get(key);
  if (known) return known.outcome;
  const outcome = rotate();
  recent.set(key, { at: now, outcome });
  // An outage is not worth sharing: the next page load may find the service back.
  void outcome.then((value) => value === null && recent.delete(key));
  return outcome;
}

/**
 * For a page request whose access cookie is missing or about to expire while
 * its refresh cookie is there: rotates the session as `session.refresh`
 * does, so server components see a live session and the browser gets the
 * new cookies with the page. An ended session's cookies are cleared; an
 * outage or a replay within the reuse grace renews nothing (the page shows
 * what it can, and its client tries again). Null when there is nothing to do.
 */
export async function renewSessionForPage(
  deps: AuthDeps,
  request: { cookieHeader: string | null; userAgent: string | null },
): Promise<Renewal | null> {
  const { cookieHeader, userAgent } = request;
  if (!cookieHeader) return null;
  const appUrl = deps.policy.appUrl;
  const cookies = readSessionCookies(cookieHeader, appUrl);
  const refreshToken = cookies.refresh;
  if (!refreshToken) return null;
  if (cookies.access && expiresAtMs(cookies.access) - Date.now() > RENEW_BEFORE_EXPIRY_MS) {
    return null;
  }
  const key = createHash("sha256")
    .update(`${userAgent ?? ""}\n${refreshToken}`)
    .digest("hex");
  const outcome = await sharedRotation(key, async () => {
    try {
      return {
        tokens: (await refresh(deps, { refresh: refreshToken }, { userAgent, ip: null })).tokens,
      };
    } catch (error) {
      if (!isAuthError(error)) throw error;
      return endsBrowserSession(error) ? "ended" : null;
    }
  });
  if (!outcome) return null;
  const names = sessionCookieNames(appUrl);
  if (outcome === "ended") {
    return {
      cookieHeader: withCookies(cookieHeader, { [names.access]: null, [names.refresh]: null }),
      setCookies: clearedCookieHeaders(appUrl),
    };
  }
  const { tokens } = outcome;
  return {
    cookieHeader: withCookies(cookieHeader, {
      [names.access]: tokens.access,
      [names.refresh]: tokens.refresh,
    }),
    setCookies: sessionCookieHeaders(tokens, appUrl, deps.clock.now()),
  };
}
