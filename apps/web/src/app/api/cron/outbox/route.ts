import { handleCronOutbox } from "@latch/api";
import { getServices } from "../../../../server/services";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  const { deps, env } = await getServices();
  return handleCronOutbox(request, { deps, cronSecret: env.CRON_SECRET });
}

// Schedulers differ: Vercel Cron sends GET, most others POST.
export { handler as GET, handler as POST };
