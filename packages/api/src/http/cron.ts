import { timingSafeEqual } from "node:crypto";
import {
  type AuthDeps,
  type DeliveryReport,
  deliverDueNotices,
  isOutage,
  OUTAGE_RETRY_AFTER_SECONDS,
  purgeExpiredAuditEvents,
  purgeUnactivatedAccounts,
} from "@latch/auth";
import { bearerToken } from "../context";
import { secureApiResponse } from "./security-headers";

export function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface CronOptions {
  deps: AuthDeps;
  cronSecret: string | undefined;
}

/**
 * Cron entry points, guarded by a bearer secret. Without CRON_SECRET the
 * routes do not exist (404), so a forgotten setting never leaves them open.
 */
function cronRoute(job: (deps: AuthDeps) => Promise<unknown>) {
  return async (request: Request, options: CronOptions): Promise<Response> => {
    const response = await run(request, options, job);
    return secureApiResponse(response, { appUrl: options.deps.policy.appUrl });
  };
}

async function run(
  request: Request,
  options: CronOptions,
  job: (deps: AuthDeps) => Promise<unknown>,
): Promise<Response> {
  if (!options.cronSecret) {
    return Response.json({ error: { reason: "NOT_FOUND" } }, { status: 404 });
  }
  if (!sameSecret(bearerToken(request.headers.get("authorization")), options.cronSecret)) {
    return Response.json({ error: { reason: "UNAUTHORIZED" } }, { status: 401 });
  }
  try {
    return Response.json(await job(options.deps));
  } catch (error) {
    if (!isOutage(error)) throw error;
    return Response.json(
      { error: { reason: "SERVICE_UNAVAILABLE" } },
      { status: 503, headers: { "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) } },
    );
  }
}

/** Purges never-activated accounts past their time, and audit events past AUDIT_RETENTION_DAYS. */
export const handleCronPurge = cronRoute(async (deps) => ({
  ...(await purgeUnactivatedAccounts(deps)),
  ...(await purgeExpiredAuditEvents(deps)),
}));

/** A serverless host's only delivery: within a time budget, passes until nothing is due. */
const CRON_DELIVERY_BUDGET_MS = 15_000;

/** Delivers the outbox's due notices, for hosts without a long-lived worker. */
export const handleCronOutbox = cronRoute(async (deps) => {
  const started = Date.now();
  const total: DeliveryReport = { claimed: 0, sent: 0, dropped: 0, retrying: 0, dead: 0 };
  for (;;) {
    const report = await deliverDueNotices(deps);
    for (const key of Object.keys(total) as (keyof DeliveryReport)[]) total[key] += report[key];
    const full = report.claimed >= deps.policy.outbox.batchSize;
    if (!full || Date.now() - started > CRON_DELIVERY_BUDGET_MS) break;
  }
  const purged = await deps.db.outbox.purgeFinished(
    new Date(deps.clock.now().getTime() - deps.policy.outbox.keepFinishedDays * 86_400_000),
  );
  return { ...total, purged };
});
