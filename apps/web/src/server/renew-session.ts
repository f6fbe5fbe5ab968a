import "server-only";
import { createHash } from "node:crypto";
import {
  clearedCookieHeaders,
  readSessionCookies,
  sessionCookieHeaders,
  sessionCookieNames,
} from "@latch/api";
import { type IssuedTokens, isAuthError, isOutage, refresh } from "@latch/auth";
import { getServices } from "./services";

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
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString());
    return typeof payload.exp === "number" ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}

function withCookies(header: string, values: Record<string, string | null>): string {
  const kept = header
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => pair && !((pair.split("=")[0] ?? "") in values));
  const added = Object.entries(values).flatMap(([name, value]) =>
    value ? [`${name}=${value}`] : [],
  );
  return [...kept, ...added].join("; ");
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
 * outage renews nothing (the page shows what it can, and its client tries
 * again). Null when there is nothing to do.
 */
export async function renewSessionForPage(
  cookieHeader: string | null,
  userAgent: string | null,
): Promise<Renewal | null> {
  if (!cookieHeader) return null;
  const { deps } = await getServices();
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
      return { tokens: (await refresh(deps, { refresh: refreshToken })).tokens };
    } catch (error) {
      if (!isAuthError(error)) throw error;
      // An outage, or a replay within the reuse grace (the rotated cookie is on its way).
      if (isOutage(error) || error.reason === "REFRESH_TOKEN_REUSED") return null;
      return "ended";
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
