import { timingSafeEqual } from "node:crypto";
import { type AuthDeps, purgeUnactivatedAccounts } from "@latch/auth";
import { bearerToken } from "../context";
import { secureApiResponse } from "./security-headers";

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The cron entry point for purging unactivated accounts, guarded by a bearer
 * secret. Without CRON_SECRET the route does not exist (404), so a forgotten
 * setting never leaves it open.
 */
export async function handleCronPurge(
  request: Request,
  options: { deps: AuthDeps; cronSecret: string | undefined },
): Promise<Response> {
  return secureApiResponse(await purge(request, options), { appUrl: options.deps.policy.appUrl });
}

async function purge(
  request: Request,
  options: { deps: AuthDeps; cronSecret: string | undefined },
): Promise<Response> {
  if (!options.cronSecret) {
    return Response.json({ error: { reason: "NOT_FOUND" } }, { status: 404 });
  }
  if (!sameSecret(bearerToken(request.headers.get("authorization")), options.cronSecret)) {
    return Response.json({ error: { reason: "UNAUTHORIZED" } }, { status: 401 });
  }
  return Response.json(await purgeUnactivatedAccounts(options.deps));
}
