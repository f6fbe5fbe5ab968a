import { handleTrpcRequest } from "@latch/api";
import { withDeferral } from "@latch/runtime";
import { after } from "next/server";
import { getServices } from "../../../../server/services";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  const { deps, env } = await getServices();
  return handleTrpcRequest(request, {
    endpoint: "/api/trpc",
    // Work that must not show in how long the answer takes runs once it has been sent.
    deps: withDeferral(deps, after),
    maxBodyBytes: env.API_MAX_BODY_BYTES,
    trustProxy: env.TRUST_PROXY,
    onInternalError: (path, error) => console.error(`[latch] ${path ?? "?"} failed:`, error),
  });
}

// Every method reaches the handler, which answers all but GET and POST with a JSON 405, and
// the optional catch-all sends it every path under /api/trpc: a wrong one gets a JSON 404.
export {
  handler as GET,
  handler as POST,
  handler as PUT,
  handler as PATCH,
  handler as DELETE,
  handler as HEAD,
  handler as OPTIONS,
};
