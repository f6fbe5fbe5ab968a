import { type AuthDeps, deliverPendingRevocations, failureReason } from "@latch/auth";

export interface RevocationRunner {
  /** Stops polling and waits for the pass in flight (graceful shutdown). */
  stop(): Promise<void>;
}

export interface RevocationRunnerOptions {
  /**
   * How often this server reads the undelivered revocations from PostgreSQL:
   * the longest a session ended elsewhere, whose announcement the key store
   * missed, may still be accepted here.
   */
  intervalMs: number;
  log: (line: string) => void;
}

/**
 * The revocation worker every long-lived server runs: each pass reads the
 * announcements not yet delivered (usually none: one indexed query), learns
 * them in process and delivers them to the key store and the feed, retrying
 * on every pass until one succeeds. One pass at a time.
 */
export function startRevocationRunner(
  deps: AuthDeps,
  options: RevocationRunnerOptions,
): RevocationRunner {
  let pass: Promise<void> | null = null;
  let failing = false;

  const run = async () => {
    try {
      const { pending } = await deliverPendingRevocations(deps);
      if (failing) options.log(`[latch] revocation announcements delivered again (${pending})`);
      failing = false;
    } catch (error) {
      // Logged once per outage: the pass repeats every interval until the key store answers.
      if (!failing)
        options.log(`[latch] revocation announcements waiting: ${failureReason(error)}`);
      failing = true;
    }
  };

  const timer = setInterval(() => {
    pass ??= run().finally(() => {
      pass = null;
    });
  }, options.intervalMs);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await pass;
    },
  };
}
