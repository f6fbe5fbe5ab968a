import type { AuthDeps, OutboxPolicy } from "../deps";
import { isAuthError } from "../errors";
import type { OutboxEntry } from "../ports/database";
import { NoticeRejected } from "../ports/notices";
import { WebhookRefused } from "../ports/webhooks";
import { deliverWebhook } from "./deliver-webhook";
import { registerQueuedSignup } from "./legacy-signup";
import { resolveNotice } from "./resolve-notice";

export type DeliveryDeps = Pick<
  AuthDeps,
  | "db"
  | "keys"
  | "limiter"
  | "notices"
  | "webhooks"
  | "random"
  | "clock"
  | "secret"
  | "policy"
  | "log"
>;

export interface DeliveryReport {
  claimed: number;
  sent: number;
  dropped: number;
  retrying: number;
  dead: number;
}

type Outcome = Exclude<keyof DeliveryReport, "claimed">;

/**
 * One round of the outbox worker: claims the entries due now and delivers
 * them, each on its own (one failing never holds up the others). Safe to run
 * in any number of processes at once: claims skip entries another holds, and
 * a send repeated after a crash carries the same idempotency key and the
 * same link. At least once per entry, at most once per idempotency key.
 */
export async function deliverDueNotices(deps: DeliveryDeps): Promise<DeliveryReport> {
  const { outbox } = deps.policy;
  const entries = await deps.db.outbox.claim(
    deps.clock.now(),
    outbox.batchSize,
    outbox.leaseSeconds,
  );
  const outcomes = await Promise.all(entries.map((entry) => deliverOne(deps, entry)));
  const report: DeliveryReport = {
    claimed: entries.length,
    sent: 0,
    dropped: 0,
    retrying: 0,
    dead: 0,
  };
  for (const outcome of outcomes) report[outcome] += 1;
  return report;
}

async function deliverOne(deps: DeliveryDeps, entry: OutboxEntry): Promise<Outcome> {
  const { db, clock } = deps;
  try {
    // Claimed past the last attempt: earlier attempts ended without a word (the worker died
    // on this entry each time). Stop, rather than crash every worker in turn forever.
    if (entry.attempts > deps.policy.outbox.maxAttempts) {
      await db.outbox.markDead(entry, clock.now(), "attempts exhausted without an outcome");
      deps.log?.("notice_dead", {
        id: entry.id,
        kind: entry.request.kind,
        attempt: String(entry.attempts),
      });
      return "dead";
    }
    // Not an email: no budget to take, nothing to resolve.
    if (entry.request.kind === "webhook") return await deliverWebhook(deps, entry, entry.request);
    // A signup queued by an older release: its account comes first, whatever the email
    // budget says. Once this entry minted a link, the account is settled.
    if (entry.request.kind === "signup" && entry.mintedStamp === null) {
      await registerQueuedSignup(deps, entry.request);
    }
    const budget = await deps.limiter.take(deps.policy.limits.emailBudget, "global");
    if (!budget.allowed) {
      deps.log?.("EMAIL_BUDGET_EXHAUSTED", {
        budgetPerHour: String(deps.policy.limits.emailBudget.limit),
      });
      // Over budget is not a failed attempt: the entry waits, whole, for the budget.
      const dueAt = new Date(clock.now().getTime() + budget.retryAfterSeconds * 1000);
      await db.outbox.retryLater(entry, dueAt, "email budget exhausted", {
        refundAttempt: true,
      });
      return "retrying";
    }
    const notice = await resolveNotice(deps, entry);
    if (!notice) {
      await db.outbox.markDropped(entry, clock.now(), "nothing to send any more");
      return "dropped";
    }
    await deps.notices.send(notice, { idempotencyKey: entry.id });
    await db.outbox.markSent(entry, clock.now());
    return "sent";
  } catch (error) {
    return handleFailure(deps, entry, error);
  }
}

async function handleFailure(
  deps: DeliveryDeps,
  entry: OutboxEntry,
  error: unknown,
): Promise<Outcome> {
  const { outbox } = deps.policy;
  const now = deps.clock.now();
  const message = describe(error);
  const detail = { id: entry.id, kind: entry.request.kind, attempt: String(entry.attempts) };
  try {
    const hopeless = error instanceof NoticeRejected || error instanceof WebhookRefused;
    if (hopeless || entry.attempts >= outbox.maxAttempts) {
      await deps.db.outbox.markDead(entry, now, message);
      deps.log?.("notice_dead", { ...detail, error: message });
      return "dead";
    }
    const delay = retryDelaySeconds(outbox, entry.attempts, deps.random.bytes(1)[0] ?? 0);
    await deps.db.outbox.retryLater(entry, new Date(now.getTime() + delay * 1000), message);
    deps.log?.("notice_retrying", { ...detail, inSeconds: delay.toFixed(1), error: message });
  } catch (cause) {
    // The database is down too: the claim's lease runs out and the entry is due again.
    deps.log?.("notice_retrying", { ...detail, error: `${message}; then ${describe(cause)}` });
  }
  return "retrying";
}

/**
 * Exponential backoff with jitter: about base × 2^(attempt-1), capped, then
 * scaled by a random factor in [0.5, 1) so workers that failed together do
 * not all retry together.
 */
export function retryDelaySeconds(policy: OutboxPolicy, attempt: number, randomByte: number) {
  const exponential = policy.retryBaseSeconds * 2 ** Math.max(0, attempt - 1);
  return Math.min(policy.retryMaxSeconds, exponential) * (0.5 + randomByte / 512);
}

/** Adapter errors are written to carry no secrets; domain errors are named by reason. */
function describe(error: unknown): string {
  if (isAuthError(error)) return error.reason;
  if (error instanceof Error) return error.message.slice(0, 300) || error.name;
  return "unknown error";
}
