// First, before any schema is built: object schemas decide at construction whether to compile.
import "./zod-config";

export * from "./account-inputs";
export * from "./admin-inputs";
export * from "./auth-inputs";
export { emailSchema } from "./email";
export * from "./identity-inputs";
export * from "./mfa-inputs";
export * from "./passkey-inputs";
export {
  loginPasswordSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordLength,
} from "./password";
export * from "./passwordless-inputs";
export { activationKeySchema, inspectLinkInput, oneTimeKeySchema } from "./tokens";
