import type { KeyStore } from "@latch/keystore";
import type { Mailer } from "@latch/mail";
import type { Database } from "./database";
import type { LimitPolicy } from "./limits";
import type { BreachedPasswords } from "./password-screen";
import type { PasswordHasher } from "./passwords";
import type { RateLimiter } from "./rate-limiter";
import type { TokenService } from "./tokens/token-service";

export interface Clock {
  now(): Date;
}

export interface Random {
  /** Cryptographically secure random bytes. */
  bytes(length: number): Uint8Array;
}

export interface AuthPolicy {
  appUrl: string;
  activationKeyTtlSeconds: number;
  activationRefreshWindowSeconds: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  passwordResetTtlSeconds: number;
  emailChangeTtlSeconds: number;
  /** Never-activated accounts older than this are purged (and their address freed). */
  unactivatedAccountTtlDays: number;
  /** Emails (activation, account notices) one address may be sent per hour. */
  emailsPerAddressPerHour: number;
  /** No session outlives this, however often it is refreshed. */
  sessionMaxLifetimeSeconds: number;
  limits: LimitPolicy;
}

/** Everything with a side effect, passed in so the domain runs (and is tested) without Next.js. */
export interface AuthDeps {
  clock: Clock;
  random: Random;
  keys: KeyStore;
  limiter: RateLimiter;
  db: Database;
  mailer: Mailer;
  passwords: PasswordHasher;
  /** Asked about every new password after the common-password list; absent = no breached check. */
  breachedPasswords?: BreachedPasswords;
  tokens: TokenService;
  /** HMAC secret binding activation keys to the user's state. */
  secret: Uint8Array;
  policy: AuthPolicy;
  /**
   * Runs work after the response: used where the answer must not depend on
   * whether an address has an account, not even in how long it takes.
   */
  defer: (task: () => Promise<void>) => void;
  /** Told about things that went wrong without failing the request (a notice email not sent). */
  log?: (event: string, detail: Record<string, string>) => void;
}

export const systemClock: Clock = { now: () => new Date() };

export const cryptoRandom: Random = {
  bytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
};
