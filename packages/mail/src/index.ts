export type { Branding } from "./branding";
export {
  createDevMailbox,
  type DevMailbox,
  type DevMailboxMessage,
  type DevMailboxOptions,
} from "./dev-mailbox";
export { type EmailMessage, MailDeliveryError } from "./email-message";
export { renderNotice } from "./render/render-notice";
export {
  createResendNoticeSender,
  type ResendClient,
  type ResendNoticeSenderOptions,
} from "./resend-notice-sender";
