import { handleHealth } from "@latch/api";
import { getServices } from "../../../server/services";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return handleHealth((await getServices()).deps);
}
