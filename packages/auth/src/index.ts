export { type ActivationKeyState, activate, inspectActivationKey } from "./activate";
export { refreshActivationKey, resendActivation, type SentResult } from "./activation-refresh";
export { authenticate, userFromClaims } from "./authenticate";
export { changePassword } from "./change-password";
export { deleteAccount } from "./delete-account";
export type { AuthDeps, AuthPolicy, OutboxPolicy, PagePaths } from "./deps";
export {
  confirmEmailChange,
  type EmailChangeKeyState,
  inspectEmailChangeKey,
  requestEmailChange,
} from "./email-change";
export {
  AuthError,
  type AuthErrorReason,
  authErrorReasons,
  isAuthError,
  isOutage,
  OUTAGE_RETRY_AFTER_SECONDS,
} from "./errors";
export type { KeyState } from "./inspect-key";
export {
  type ClientAction,
  clientIdentifier,
  defaultLimitSettings,
  enforceClientLimit,
  type LimitPolicy,
  type LimitSettings,
  limitPolicy,
} from "./limits";
export { type LoginResult, login } from "./login";
export { endSessionOfRefreshToken, logout } from "./logout";
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
export {
  inspectResetKey,
  type ResetKeyState,
  requestPasswordReset,
  resetPassword,
} from "./password-reset";
export { screenNewPassword } from "./password-screen";
export {
  type Argon2Params,
  createArgon2Hasher,
  OWASP_ARGON2ID,
  type PasswordHasher,
} from "./passwords";
export * from "./ports";
export type * from "./ports/database";
export type { RateDecision, RateLimiter, RateRule } from "./ports/rate-limiter";
export { purgeUnactivatedAccounts } from "./purge";
export { RecentRevocations } from "./recent-revocations";
export { REUSE_GRACE_SECONDS, refresh } from "./refresh";
export { deliverPendingRevocations, REVOCATIONS_INTACT_MARKER } from "./revocation";
export { listSessions, logoutAll, revokeSession, type SessionView } from "./session-management";
export type { PublicUser, RequestMeta, SignedIn } from "./sessions";
export { type SignupResult, signup } from "./signup";
export { generateSigningKey, publicJwk, type SigningKey } from "./tokens/signing-keys";
export {
  type AccessClaims,
  createTokenService,
  type IssuedTokens,
  type RefreshClaims,
  type TokenService,
} from "./tokens/token-service";
