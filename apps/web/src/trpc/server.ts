import "server-only";
import { createCaller, createContextInner, readSessionCookies } from "@latch/api";
import { cookies } from "next/headers";
import { cache } from "react";
import { getServices } from "../server/services";

/**
 * Calls procedures in-process for server components: no HTTP round trip,
 * same validation and errors. It sees only the request's cookies and has no
 * response to set cookies on, so it is for reading (session.current), never
 * for signing in or out. One caller per request.
 */
export const getServerCaller = cache(async () => {
  // Cookies first: that marks the page as per-request, so the build never tries to start services.
  const cookieHeader = (await cookies()).toString();
  const { deps } = await getServices();
  const session = readSessionCookies(cookieHeader, deps.policy.appUrl);
  return createCaller(createContextInner({ deps, cookies: session }));
});
