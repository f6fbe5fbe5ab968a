import { getServices } from "../../../server/services";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const { deps } = await getServices();
  return Response.json(deps.tokens.jwks(), {
    headers: { "cache-control": "public, max-age=300" },
  });
}
