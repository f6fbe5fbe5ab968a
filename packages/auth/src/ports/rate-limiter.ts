/**
 * The rate-limiter port. A bucket is a rule (its name, how many tokens, over
 * how long) and an identifier (a hashed client, address or account). `take`
 * is one atomic step that counts first and answers second, so N parallel
 * callers can never get more than the rule's tokens between them.
 */
export interface RateRule {
  /** Part of the bucket's name: two rules never share tokens. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(rule: RateRule, identifier: string): Promise<RateDecision>;
  /** Gives back a token taken for an attempt that turned out to be legitimate. */
  refund(rule: RateRule, identifier: string): Promise<void>;
}
