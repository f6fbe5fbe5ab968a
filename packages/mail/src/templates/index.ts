export { type AccountDeletedEmailInput, accountDeletedEmail } from "./account-deleted";
export { type AccountExistsEmailInput, accountExistsEmail } from "./account-exists";
export { type ActivationEmailInput, activationEmail } from "./activation";
export {
  type EmailChangeConfirmInput,
  type EmailChangeNoticeInput,
  emailChangeConfirmEmail,
  emailChangeNoticeEmail,
} from "./email-change";
export { type PasswordChangedEmailInput, passwordChangedEmail } from "./password-changed";
export { type PasswordResetEmailInput, passwordResetEmail } from "./password-reset";
