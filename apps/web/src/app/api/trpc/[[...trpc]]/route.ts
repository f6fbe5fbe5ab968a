import { createApiHandler } from "../../../../server/api-handler";
import { getServices } from "../../../../server/services";

export const dynamic = "force-dynamic";

let api: ((request: Request) => Promise<Response>) | undefined;

// What `next dev` and serverless hosts serve; `pnpm start` (server.ts) answers /api/trpc
// itself, with the same handler, before Next's router.
async function handler(request: Request): Promise<Response> {
  api ??= createApiHandler(await getServices());
  return api(request);
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
