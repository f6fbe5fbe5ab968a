import "server-only";
import { createCaller, createServerContext } from "@latch/api";
import { headers } from "next/headers";
import { cache } from "react";
import { getServices } from "../server/services";

/**
 * Calls procedures in-process for server components: no HTTP round trip,
 * same validation, limits and errors. It sees the request's cookies and
 * client address but has no response to set cookies on, so it is for
 * reading (session.current, session.inspectLink), never for signing in or
 * out. One caller per request.
 */
export const getServerCaller = cache(async () => {
  // Headers first: that marks the page as per-request, so the build never tries to start services.
  const requestHeaders = await headers();
  const { deps, env } = await getServices();
  return createCaller(createServerContext(requestHeaders, deps, { trustProxy: env.TRUST_PROXY }));
});
