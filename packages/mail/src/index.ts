export type { Branding } from "./branding";
export { createDevMailbox, type DevMailbox, type DevMailboxMessage } from "./dev-mailbox";
export { MailDeliveryError } from "./email-message";
export { renderNotice } from "./render/render-notice";
export { createResendNoticeSender } from "./resend-notice-sender";
