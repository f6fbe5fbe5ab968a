import { type AuthDeps, deliverDueNotices } from "@latch/auth";

const WAKE_DELAY_MS = 5;
const LANES = 2;

export interface OutboxRunner {
  /** A transaction just committed notices: deliver now rather than at the next poll. */
  wake(): void;
  /** Stops polling and waits for the batch in flight (graceful shutdown). */
  stop(): Promise<void>;
}

export interface OutboxRunnerOptions {
  /** How often to look for due entries when nobody wakes the runner (retries, other servers' entries). */
  pollIntervalMs: number;
  /** How often to delete sent and dropped entries older than keepFinishedDays. */
  purgeIntervalMs?: number;
  log: (line: string) => void;
}

/**
 * The outbox worker inside a long-lived server: woken right after each commit
 * that queued notices, and polling for the rest. Up to LANES passes run at
 * once, so a new email need not wait for the slowest send of the batch before
 * it; other processes run their own (claims never overlap).
 */
export function startOutboxRunner(deps: AuthDeps, options: OutboxRunnerOptions): OutboxRunner {
  const passes = new Set<Promise<void>>();
  let again = false;
  let stopped = false;
  let lastPurge = 0;

  async function run(): Promise<void> {
    do {
      again = false;
      try {
        // Keep going while batches come back full: there is more due right now.
        for (;;) {
          const report = await deliverDueNotices(deps);
          if (report.claimed < deps.policy.outbox.batchSize || stopped) break;
        }
        await purgeNowAndThen();
      } catch (error) {
        // The database is down: the next poll tries again; entries wait, whole, in the outbox.
        options.log(`[latch] outbox pass failed: ${describe(error)}`);
      }
    } while (again && !stopped);
  }

  async function purgeNowAndThen() {
    const now = deps.clock.now().getTime();
    if (now - lastPurge < (options.purgeIntervalMs ?? 3_600_000)) return;
    lastPurge = now;
    await deps.db.outbox.purgeFinished(
      new Date(now - deps.policy.outbox.keepFinishedDays * 86_400_000),
    );
  }

  let scheduled: NodeJS.Timeout | null = null;
  function start() {
    scheduled = null;
    if (stopped) return;
    if (passes.size >= LANES) {
      again = true;
      return;
    }
    const pass = run().finally(() => passes.delete(pass));
    passes.add(pass);
  }

  // Wakes within a few milliseconds coalesce into one pass, which also starts after the
  // answer of the request that woke it has left: its email never slows that answer.
  function wake() {
    scheduled ??= setTimeout(start, WAKE_DELAY_MS);
  }

  const timer = setInterval(start, options.pollIntervalMs);
  // The poll alone never keeps a process alive that has nothing else to do.
  timer.unref();
  wake();

  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (scheduled) clearTimeout(scheduled);
      await Promise.all(passes);
    },
  };
}

function describe(error: unknown): string {
  if (error && typeof error === "object" && "reason" in error) return String(error.reason);
  return error instanceof Error ? error.message : "unknown error";
}
