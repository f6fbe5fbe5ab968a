import type { NoticeKind } from "@latch/auth/ports";

/** A notice rendered as an email, ready for a provider. */
export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The notice's kind, used as a provider tag and by the development mailbox. */
  kind: NoticeKind;
}

/** The provider did not take the email this time; the outbox retries it with backoff. */
export class MailDeliveryError extends Error {
  override readonly name = "MailDeliveryError";
}
