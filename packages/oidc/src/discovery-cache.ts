import { ProviderUnavailable } from "@latch/auth/ports";

export interface CacheTiming {
  now(): number;
  /** After a failed fetch, callers are refused without a new fetch for this long. */
  retryAfterMs: number;
}

/**
 * One provider's metadata, fetched once and shared: concurrent callers wait
 * for the same fetch; a failure is forgotten so a later call fetches again,
 * but not sooner than retryAfterMs, so a provider that is down is not asked
 * on every sign-in attempt (and every attempt fails fast meanwhile).
 */
export function cached<T>(
  provider: string,
  load: () => Promise<T>,
  timing: CacheTiming,
): () => Promise<T> {
  let current: Promise<T> | null = null;
  let failedAt = Number.NEGATIVE_INFINITY;
  return () => {
    if (current) return current;
    if (timing.now() - failedAt < timing.retryAfterMs) {
      return Promise.reject(
        new ProviderUnavailable(`${provider}: discovery failed moments ago; not retried yet`),
      );
    }
    const attempt = load();
    current = attempt;
    attempt.catch(() => {
      current = null;
      failedAt = timing.now();
    });
    return attempt;
  };
}
