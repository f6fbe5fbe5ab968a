export { type ActivationKeyState, activate, inspectActivationKey } from "./account/activate";
export {
  refreshActivationKey,
  resendActivation,
  type SentResult,
} from "./account/activation-refresh";
export { changePassword } from "./account/change-password";
export { deleteAccount } from "./account/delete-account";
export {
  confirmEmailChange,
  type EmailChangeKeyState,
  inspectEmailChangeKey,
  requestEmailChange,
} from "./account/email-change";
export {
  inspectResetKey,
  type ResetKeyState,
  requestPasswordReset,
  resetPassword,
} from "./account/password-reset";
export { purgeUnactivatedAccounts } from "./account/purge";
export { type SignupResult, signup } from "./account/signup";
export type { AuthDeps, AuthPolicy, OutboxPolicy, PagePaths } from "./deps";
export {
  AuthError,
  type AuthErrorReason,
  authErrorReasons,
  isAuthError,
  isOutage,
  OUTAGE_RETRY_AFTER_SECONDS,
} from "./errors";
export type { KeyState } from "./keys/inspect-key";
export {
  type ClientAction,
  clientIdentifier,
  defaultLimitSettings,
  enforceClientLimit,
  type LimitPolicy,
  type LimitSettings,
  limitPolicy,
} from "./limits";
export { completeLogin } from "./mfa/complete-login";
export { beginTotpEnrolment, confirmTotpEnrolment } from "./mfa/enrol-totp";
export type { SecondFactorMethod, SecondFactorRequired } from "./mfa/login-ticket";
export {
  disableSecondFactor,
  regenerateRecoveryCodes,
  type SecondFactorStatus,
  secondFactorStatus,
} from "./mfa/manage-second-factor";
export { type DeliveryReport, deliverDueNotices } from "./notices/deliver-notices";
export { listPasskeys, removePasskey, renamePasskey } from "./passkeys/manage-passkeys";
export type { PasskeyView } from "./passkeys/passkey-view";
export {
  generatePasskeyRegistrationOptions,
  verifyPasskeyRegistration,
} from "./passkeys/register-passkey";
export {
  generatePasskeySignInOptions,
  verifyPasskeySignIn,
} from "./passkeys/sign-in-with-passkey";
export { screenNewPassword } from "./passwords/password-screen";
export {
  type Argon2Params,
  createArgon2Hasher,
  OWASP_ARGON2ID,
  type PasswordHasher,
} from "./passwords/passwords";
export * from "./ports";
export type * from "./ports/database";
export type { RateDecision, RateLimiter, RateRule } from "./ports/rate-limiter";
export { authenticate, userFromClaims } from "./sessions/authenticate";
export { type LoginResult, login } from "./sessions/login";
export { endSessionOfRefreshToken, logout } from "./sessions/logout";
export { RecentRevocations } from "./sessions/recent-revocations";
export { REUSE_GRACE_SECONDS, refresh } from "./sessions/refresh";
export { deliverPendingRevocations, REVOCATIONS_INTACT_MARKER } from "./sessions/revocation";
export {
  listSessions,
  logoutAll,
  revokeSession,
  type SessionView,
} from "./sessions/session-management";
export type { PublicUser, RequestMeta, SignedIn } from "./sessions/sessions";
export { generateSigningKey, publicJwk, type SigningKey } from "./tokens/signing-keys";
export {
  type AccessClaims,
  createTokenService,
  type IssuedTokens,
  type RefreshClaims,
  type TokenService,
} from "./tokens/token-service";
