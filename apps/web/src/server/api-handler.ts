import { handleTrpcRequest } from "@latch/api";
import { errorSummary, type Services } from "@latch/composition";

export const API_ENDPOINT = "/api/trpc";

/** The API as one function of a Request: the route handler and server.ts's direct path share it. */
export function createApiHandler(services: Services): (request: Request) => Promise<Response> {
  const { deps, env, logger } = services;
  return (request) =>
    handleTrpcRequest(request, {
      endpoint: API_ENDPOINT,
      deps,
      maxBodyBytes: env.API_MAX_BODY_BYTES,
      trustProxy: env.TRUST_PROXY,
      corsOrigins: env.CORS_ORIGINS,
      onInternalError: (procedure, error, requestId) =>
        logger.error({ requestId, procedure, error: errorSummary(error) }, "internal error"),
      onRequest: (entry) => logger.info(entry, "request"),
    });
}
