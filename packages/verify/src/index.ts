export {
  type AccessTokenVerifier,
  createAccessTokenVerifier,
  type LatchAccessClaims,
  LatchTokenError,
  type LatchTokenErrorReason,
  type VerifyOptions,
} from "./verify-access-token";
