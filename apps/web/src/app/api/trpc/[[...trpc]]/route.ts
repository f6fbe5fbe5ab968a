import { handleTrpcRequest } from "@latch/api";
import { errorSummary } from "@latch/composition";
import { getServices } from "../../../../server/services";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  const { deps, env, logger } = await getServices();
  return handleTrpcRequest(request, {
    endpoint: "/api/trpc",
    deps,
    maxBodyBytes: env.API_MAX_BODY_BYTES,
    trustProxy: env.TRUST_PROXY,
    onInternalError: (procedure, error, requestId) =>
      logger.error({ requestId, procedure, error: errorSummary(error) }, "internal error"),
    onRequest: (entry) => logger.info(entry, "request"),
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
