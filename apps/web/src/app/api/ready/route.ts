import { handleReady } from "@latch/api";
import { getServices } from "../../../server/services";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const { deps, env } = await getServices();
  return handleReady(request, { deps, cronSecret: env.CRON_SECRET });
}
