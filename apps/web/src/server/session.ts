import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { isServiceUnavailable } from "../components/service-unavailable";
import { getServerCaller } from "../trpc/server";

export interface PageSession {
  user: { id: string; email: string };
  accessExpiresAt: string;
}

/** The session of this request, or null; an outage is thrown. Asked once per request. */
const readSession = cache(async (): Promise<PageSession | null> => {
  const { user, accessExpiresAt } = await (await getServerCaller()).session.current();
  return user && accessExpiresAt ? { user, accessExpiresAt } : null;
});

/**
 * Who is logged in, for server components and route handlers: the access
 * cookie checked as every API call checks it (the revocation feed, so a
 * revoked session is never "logged in"). Null when no one is, or when the
 * check cannot be made right now (an outage): a page then shows itself as
 * to a visitor rather than failing. The header and the page share one check.
 */
export async function getSession(): Promise<PageSession | null> {
  try {
    return await readSession();
  } catch (error) {
    if (isServiceUnavailable(error)) return null;
    throw error;
  }
}

/**
 * For pages only logged-in people may see: the session, or a redirect to
 * log in that comes back to `returnTo` (a path on this site). The proxy has
 * already renewed an access cookie that only needed a refresh, so no session
 * here means none. An outage is thrown, for the page to say so, rather than
 * sending a logged-in person to the login form.
 */
export async function requireSession(returnTo: string): Promise<PageSession> {
  const session = await readSession();
  if (session) return session;
  redirect(`/login?returnTo=${encodeURIComponent(returnTo)}`);
}
