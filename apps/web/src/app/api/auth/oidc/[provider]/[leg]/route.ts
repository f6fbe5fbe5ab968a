import { handleProviderRequest } from "@latch/api";
import { getServices } from "../../../../../../server/services";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  const { deps, env } = await getServices();
  return handleProviderRequest(request, {
    deps,
    trustProxy: env.TRUST_PROXY,
    returnToOrigins: env.RETURN_TO_ORIGINS,
  });
}

// GET for every provider's redirect; POST for Apple's form_post callback.
export { handler as GET, handler as POST };
