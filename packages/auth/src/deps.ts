import type { LimitPolicy } from "./limits";
import type { PasswordHasher } from "./passwords/passwords";
import type { BreachedPasswords } from "./ports/breached-passwords";
import type { Clock, Random } from "./ports/clock-and-random";
import type { Database } from "./ports/database";
import type { IdentityProvider } from "./ports/identity-provider";
import type { KeyStore } from "./ports/key-store";
import type { NoticeSender } from "./ports/notices";
import type { RateLimiter } from "./ports/rate-limiter";
import type { RevocationFeed } from "./ports/revocation-feed";
import type { WebhookSender } from "./ports/webhooks";
import type { TokenService } from "./tokens/token-service";

/**
 * Where the app's pages live, as paths below `appUrl`: emails link to them.
 * The app decides (the composition root passes its table); the domain only
 * fills in the keys.
 */
export interface PagePaths {
  /** `${activate}/<key>` activates an account. */
  activate: string;
  /** `${resetPassword}/<key>` sets a new password. */
  resetPassword: string;
  /** `${confirmEmail}/<key>` confirms a new address. */
  confirmEmail: string;
  /** `${loginByEmail}/<key>` signs in without a password, once its button is pressed. */
  loginByEmail: string;
  login: string;
  forgotPassword: string;
  signup: string;
  account: string;
}

export interface AuthPolicy {
  appUrl: string;
  pages: PagePaths;
  /** Who authenticator apps say a TOTP code is for (APP_NAME). */
  totpIssuer: string;
  activationKeyTtlSeconds: number;
  activationRefreshWindowSeconds: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  passwordResetTtlSeconds: number;
  emailChangeTtlSeconds: number;
  /** How long a passwordless login email's link and code work. */
  passwordlessTtlSeconds: number;
  /** Never-activated accounts older than this are purged (and their address freed). */
  unactivatedAccountTtlDays: number;
  /** Audit events older than this are purged (with the unactivated accounts). */
  auditRetentionDays: number;
  /** Emails (activation, account notices) one address may be sent per hour. */
  emailsPerAddressPerHour: number;
  /** No session outlives this, however often it is refreshed. */
  sessionMaxLifetimeSeconds: number;
  limits: LimitPolicy;
  outbox: OutboxPolicy;
}

/** How the outbox worker delivers: see notices/deliver-notices.ts. */
export interface OutboxPolicy {
  /** Entries one worker claims at a time. */
  batchSize: number;
  /** How long a claimed entry stays hidden from other workers; longer than a send's deadline. */
  leaseSeconds: number;
  /** Attempts before an entry is given up on (marked dead). */
  maxAttempts: number;
  /** The first retry waits about this long; each next one twice as long, with jitter, up to retryMaxSeconds. */
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  /** Sent and dropped entries are deleted after this many days; dead ones are kept. */
  keepFinishedDays: number;
}

/** Everything with a side effect, passed in so the domain runs (and is tested) without Next.js. */
export interface AuthDeps {
  clock: Clock;
  random: Random;
  keys: KeyStore;
  /** Which sessions ended, known in process: the session check's first and usually only stop. */
  feed: RevocationFeed;
  limiter: RateLimiter;
  db: Database;
  /** Sends what the outbox delivers (never called on a request's path). */
  notices: NoticeSender;
  /** Posts the webhooks the outbox delivers, and checks endpoint URLs (never on a sign-in's path). */
  webhooks: WebhookSender;
  passwords: PasswordHasher;
  /** Asked about every new password after the common-password list; absent = no breached check. */
  breachedPasswords?: BreachedPasswords;
  tokens: TokenService;
  /** The configured social and OpenID Connect providers (OIDC_PROVIDERS), in button order. */
  identityProviders: readonly IdentityProvider[];
  /** HMAC secret binding activation keys to the user's state. */
  secret: Uint8Array;
  policy: AuthPolicy;
  /** Tells the outbox worker that a transaction just committed notices, so they leave at once. */
  wakeOutbox: () => void;
  /** Told about things that went wrong without failing the request (a notice not delivered yet). */
  log?: (event: string, detail: Record<string, string>) => void;
}
