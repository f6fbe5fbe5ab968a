export { activate, inspectActivationKey } from "./account/activate";
export { refreshActivationKey, resendActivation } from "./account/activation-refresh";
export { changePassword } from "./account/change-password";
export { deleteAccount } from "./account/delete-account";
export {
  confirmEmailChange,
  inspectEmailChangeKey,
  requestEmailChange,
} from "./account/email-change";
export { inspectResetKey, requestPasswordReset, resetPassword } from "./account/password-reset";
export { purgeUnactivatedAccounts } from "./account/purge";
export { setLocale } from "./account/set-locale";
export { signup } from "./account/signup";
export {
  banUser,
  deleteUser,
  endUserSessions,
  getUser,
  listAuditEvents,
  listUsers,
  resendActivationFor,
  unbanUser,
} from "./admin/admin-users";
export { requireAdmin } from "./admin/require-admin";
export { setAccountRole } from "./admin/roles";
export {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  testWebhook,
} from "./admin/webhooks";
export { listActivity, reportNotMe } from "./audit/activity";
export { purgeExpiredAuditEvents } from "./audit/retention";
export type { AuthDeps, PagePaths } from "./deps";
export { constantTimeEqual } from "./encoding";
export {
  AuthError,
  type AuthErrorReason,
  authErrorReasons,
  isAuthError,
  isOutage,
  OUTAGE_RETRY_AFTER_SECONDS,
} from "./errors";
export { AUTHORIZATION_TTL_SECONDS } from "./identities/authorization";
export {
  completePendingLink,
  disconnectIdentity,
  grantConnect,
  listIdentities,
  takeConnectGrant,
} from "./identities/links";
export {
  beginProviderSignIn,
  completeProviderSignIn,
  type ProviderCallbackResult,
} from "./identities/provider-callback";
export { LINK_TTL_SECONDS } from "./identities/provider-sign-in";
export { type ClientAction, defaultLimitSettings, enforceClientLimit, limitPolicy } from "./limits";
export { completeLogin } from "./mfa/complete-login";
export { beginTotpEnrolment, confirmTotpEnrolment } from "./mfa/enrol-totp";
export type { SecondFactorRequired } from "./mfa/login-ticket";
export {
  disableSecondFactor,
  regenerateRecoveryCodes,
  secondFactorStatus,
} from "./mfa/manage-second-factor";
export { type DeliveryReport, deliverDueNotices } from "./notices/deliver-notices";
export { listPasskeys, removePasskey, renamePasskey } from "./passkeys/manage-passkeys";
export {
  generatePasskeyRegistrationOptions,
  verifyPasskeyRegistration,
} from "./passkeys/register-passkey";
export { generatePasskeySignInOptions, verifyPasskeySignIn } from "./passkeys/sign-in-with-passkey";
export {
  inspectPasswordlessKey,
  startPasswordlessLogin,
  verifyPasswordlessLogin,
} from "./passwordless/passwordless-login";
export { createArgon2Hasher } from "./passwords/passwords";
export * from "./ports";
export type * from "./ports/database";
export type { RateDecision, RateLimiter, RateRule } from "./ports/rate-limiter";
export { authenticate, userFromClaims } from "./sessions/authenticate";
export { login } from "./sessions/login";
export { endSessionOfRefreshToken, logout } from "./sessions/logout";
export { RecentRevocations } from "./sessions/recent-revocations";
export { refresh } from "./sessions/refresh";
export {
  deliverPendingRevocations,
  failureReason,
  REVOCATIONS_INTACT_MARKER,
} from "./sessions/revocation";
export { listSessions, logoutAll, revokeSession } from "./sessions/session-management";
export type { PublicUser, RequestMeta } from "./sessions/sessions";
export { generateSigningKey, type SigningKey } from "./tokens/signing-keys";
export { createTokenService, type IssuedTokens, type TokenService } from "./tokens/token-service";
