import { handleReady } from "@latch/api";
import { getServices } from "../../../server/services";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return handleReady((await getServices()).deps);
}
