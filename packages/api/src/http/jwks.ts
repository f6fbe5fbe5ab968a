import type { AuthDeps } from "@latch/auth";
import { secureApiResponse } from "./security-headers";

/** The public signing keys. Public and slow to change, so caches may keep them for a while. */
export function handleJwksRequest(deps: AuthDeps): Response {
  return secureApiResponse(Response.json(deps.tokens.jwks()), {
    appUrl: deps.policy.appUrl,
    cacheControl: "public, max-age=300",
  });
}
