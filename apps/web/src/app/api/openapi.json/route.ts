import { handleOpenApiRequest } from "@latch/api";
import { getServices } from "../../../server/services";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const { deps } = await getServices();
  return handleOpenApiRequest(deps);
}
