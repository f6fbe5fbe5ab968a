import { type AuthDeps, OUTAGE_RETRY_AFTER_SECONDS } from "@latch/auth";
import { bearerToken } from "../context";
import { sameSecret } from "./cron";
import { secureApiResponse } from "./security-headers";

type Part = "ok" | "unavailable";

/** Liveness: the process serves requests. Touches no dependency, so an outage never restarts it. */
export function handleHealth(deps: AuthDeps): Response {
  return secureApiResponse(Response.json({ status: "ok" }), { appUrl: deps.policy.appUrl });
}

/**
 * Readiness: PostgreSQL and the key store each answered one round trip
 * within their deadlines (the guards in the composition root bound both).
 * 503 with Retry-After otherwise, so a load balancer sends traffic elsewhere.
 * The outbox's counts (pending, age of the oldest, dead) are for monitoring,
 * answered to `Authorization: Bearer $CRON_SECRET` only: a growing backlog or
 * any dead entry deserves an alert, not a restart.
 */
export async function handleReady(
  request: Request,
  options: { deps: AuthDeps; cronSecret: string | undefined },
): Promise<Response> {
  const { deps, cronSecret } = options;
  // The counts are the operator's: a public pending count would show an attacker whether
  // the reset they just asked for had an account to email.
  const operator =
    cronSecret !== undefined &&
    sameSecret(bearerToken(request.headers.get("authorization")), cronSecret);
  const [database, keyStore, outbox] = await Promise.all([
    settle(deps.db.ping()),
    settle(deps.keys.get("readiness-probe")),
    operator ? deps.db.outbox.stats(deps.clock.now()).catch(() => null) : undefined,
  ]);
  const ready = database === "ok" && keyStore === "ok";
  const response = Response.json(
    {
      status: ready ? "ready" : "unavailable",
      database,
      keyStore,
      ...(operator ? { outbox, revocationFeed: deps.feed.state() } : {}),
    },
    {
      status: ready ? 200 : 503,
      headers: ready ? {} : { "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) },
    },
  );
  return secureApiResponse(response, { appUrl: deps.policy.appUrl });
}

const settle = (probe: Promise<unknown>): Promise<Part> =>
  probe.then(
    () => "ok",
    () => "unavailable",
  );
