import "server-only";
import { safeReturnTo } from "@latch/api";
import { readProcessEnv } from "@latch/composition/env";

/** The page's `?returnTo=` if it may be followed (own origin or RETURN_TO_ORIGINS), else null. */
export async function returnToOf(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
): Promise<string | null> {
  const env = readProcessEnv();
  return safeReturnTo((await searchParams).returnTo, {
    appUrl: env.APP_URL,
    allowedOrigins: env.RETURN_TO_ORIGINS,
  });
}
