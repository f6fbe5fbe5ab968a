export type { Branding } from "./branding";
export {
  createDevMailbox,
  type DevMailbox,
  type DevMailboxMessage,
  type DevMailboxOptions,
} from "./dev-mailbox";
export { type EmailMessage, MailDeliveryError, type Mailer } from "./mailer";
export { renderNotice } from "./render/render-notice";
export { createResendMailer, type ResendClient, type ResendMailerOptions } from "./resend-mailer";
export * from "./templates";
