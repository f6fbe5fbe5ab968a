import { AuthError, isAuthError, OUTAGE_RETRY_AFTER_SECONDS } from "@latch/auth";

export interface GuardOptions {
  /** Named in logs: "database", "key store". */
  name: string;
  timeoutMs: number;
  log: (line: string) => void;
  /** Milliseconds since the epoch, for spacing outage lines; `Date.now` unless a test holds the clock. */
  now?: () => number;
}

/**
 * During an outage every call fails (the revocation worker alone calls the
 * database 4 times a second): the first failure is logged, then at most one
 * line per this interval, and the recovery once.
 */
const OUTAGE_LOG_INTERVAL_MS = 30_000;

/** What one guarded dependency has logged of its current outage. */
interface Outage {
  lastLoggedAt: number;
  failedSinceLogged: number;
  failed: number;
}

class DeadlineExceededError extends Error {
  override readonly name = "DeadlineExceededError";
}

/** Rejects when `work` has not settled within `timeoutMs`; the work itself is left to finish or fail. */
export function withDeadline<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineExceededError(`${what}: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Wraps every method of a port (nested objects too, as `db.users`) so that
 * each call has a deadline and a failure of the dependency reaches the
 * domain as SERVICE_UNAVAILABLE (503 with Retry-After), never as a 500 or a
 * hang. Domain errors raised inside (e.g. within a transaction) pass through
 * unchanged. What failed is logged by its error name only: driver messages
 * can carry hosts and connection strings.
 */
export function guardPort<T extends object>(port: T, options: GuardOptions): T {
  const log = outageLog(options);
  const guardObject = (target: object, path: string): object =>
    Object.fromEntries(
      Object.entries(target).map(([key, value]: [string, unknown]) => {
        const at = path ? `${path}.${key}` : key;
        if (typeof value === "function") {
          const method = value as (...args: unknown[]) => unknown;
          return [
            key,
            (...args: unknown[]) => guardCall(() => method.apply(target, args), at, options, log),
          ];
        }
        if (value && typeof value === "object") return [key, guardObject(value, at)];
        return [key, value];
      }),
    );
  return guardObject(port, "") as T;
}

async function guardCall(call: () => unknown, path: string, options: GuardOptions, log: OutageLog) {
  try {
    const answer = await withDeadline(Promise.resolve(call()), options.timeoutMs, path);
    log.answered();
    return answer;
  } catch (cause) {
    if (isAuthError(cause)) throw cause;
    log.failed(path, cause instanceof Error ? cause.name : typeof cause);
    throw new AuthError("SERVICE_UNAVAILABLE", {
      cause,
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
    });
  }
}

interface OutageLog {
  failed(path: string, kind: string): void;
  answered(): void;
}

function outageLog({ name, log, now = Date.now }: GuardOptions): OutageLog {
  let outage: Outage | null = null;
  return {
    failed(path, kind) {
      const at = now();
      if (!outage) {
        outage = { lastLoggedAt: at, failedSinceLogged: 0, failed: 1 };
        log(`[latch] ${name} unavailable (${path}): ${kind}`);
        return;
      }
      outage.failed += 1;
      outage.failedSinceLogged += 1;
      if (at - outage.lastLoggedAt < OUTAGE_LOG_INTERVAL_MS) return;
      log(
        `[latch] ${name} still unavailable (${path}): ${kind}, ${outage.failedSinceLogged} failed calls since the last line`,
      );
      outage.lastLoggedAt = at;
      outage.failedSinceLogged = 0;
    },
    answered() {
      if (!outage) return;
      const { failed } = outage;
      log(`[latch] ${name} available again, after ${failed} failed call${failed === 1 ? "" : "s"}`);
      outage = null;
    },
  };
}
