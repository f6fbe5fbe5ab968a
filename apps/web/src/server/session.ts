import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { isServiceUnavailable } from "../components/service-unavailable";
import { getServerCaller } from "../trpc/server";

export interface PageSession {
  user: { id: string; email: string };
  accessExpiresAt: string;
}

/**
 * Who is signed in, for server components and route handlers: the access
 * cookie checked as every API call checks it (the revocation feed, so a
 * revoked session is never "signed in"). Null when no one is, or when the
 * check cannot be made right now (an outage): a page then shows itself as
 * to a visitor rather than failing. Asked once per request (the header and
 * the page both ask).
 */
export const getSession = cache(async (): Promise<PageSession | null> => {
  try {
    const { user, accessExpiresAt } = await (await getServerCaller()).session.current();
    return user && accessExpiresAt ? { user, accessExpiresAt } : null;
  } catch (error) {
    if (isServiceUnavailable(error)) return null;
    throw error;
  }
});

/**
 * For pages only logged-in people may see: the session, or a redirect to
 * log in that comes back to `returnTo` (a path on this site). The proxy has
 * already renewed an access cookie that only needed a refresh, so no session
 * here means none. An outage is thrown, for the page to say so, rather than
 * sending a logged-in person to the login form.
 */
export async function requireSession(returnTo: string): Promise<PageSession> {
  const { user, accessExpiresAt } = await (await getServerCaller()).session.current();
  if (user && accessExpiresAt) return { user, accessExpiresAt };
  redirect(`/login?returnTo=${encodeURIComponent(returnTo)}`);
}
