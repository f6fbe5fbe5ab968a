import { AuthError, isAuthError, OUTAGE_RETRY_AFTER_SECONDS } from "@latch/auth";

export interface GuardOptions {
  /** Named in logs: "database", "key store". */
  name: string;
  timeoutMs: number;
  log: (line: string) => void;
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
  const guardObject = (target: object, path: string): object =>
    Object.fromEntries(
      Object.entries(target).map(([key, value]: [string, unknown]) => {
        const at = path ? `${path}.${key}` : key;
        if (typeof value === "function") {
          const method = value as (...args: unknown[]) => unknown;
          return [
            key,
            (...args: unknown[]) => guardCall(() => method.apply(target, args), at, options),
          ];
        }
        if (value && typeof value === "object") return [key, guardObject(value, at)];
        return [key, value];
      }),
    );
  return guardObject(port, "") as T;
}

async function guardCall(call: () => unknown, path: string, options: GuardOptions) {
  try {
    return await withDeadline(Promise.resolve(call()), options.timeoutMs, path);
  } catch (cause) {
    if (isAuthError(cause)) throw cause;
    const kind = cause instanceof Error ? cause.name : typeof cause;
    options.log(`[latch] ${options.name} unavailable (${path}): ${kind}`);
    throw new AuthError("SERVICE_UNAVAILABLE", {
      cause,
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
    });
  }
}
