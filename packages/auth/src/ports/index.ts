// Every port of the domain, in one place: adapters import these types, the domain imports no adapter.

export type {
  AuditEvent,
  AuditEventType,
  AuditLog,
  AuditLogWriter,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpoints,
  WebhookEventType,
  WebhookPayload,
} from "./audit";
export type { BreachedPasswords } from "./breached-passwords";
export { cryptoRandom, systemClock } from "./clock-and-random";
export type * from "./database";
export {
  type AuthorizationChecks,
  type IdentityProvider,
  type ProviderProfile,
  ProviderRefused,
  ProviderUnavailable,
  verifiedAddressClaim,
} from "./identity-provider";
export type { KeyStore } from "./key-store";
export {
  type Notice,
  type NoticeKind,
  NoticeRejected,
  type NoticeSender,
  type SecondFactorChange,
  type SendOptions,
} from "./notices";
export type { RateDecision, RateLimiter, RateRule } from "./rate-limiter";
export type { RevocationFeed } from "./revocation-feed";
export { type WebhookMessage, WebhookRefused, type WebhookSender } from "./webhooks";
