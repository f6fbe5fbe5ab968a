import "server-only";
import { type Renewal, renewSessionForPage } from "@latch/api";
import { getServices } from "./services";

/** The proxy's way to @latch/api's page renewal, with this process's services. */
export async function renewPageSession(headers: Headers): Promise<Renewal | null> {
  const { deps } = await getServices();
  return renewSessionForPage(deps, {
    cookieHeader: headers.get("cookie"),
    userAgent: headers.get("user-agent"),
  });
}
