export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Machine-readable kind ("activation", "account-exists", ...), used for tags and the development mailbox. */
  kind: string;
}

export interface Mailer {
  /** Resolves once the provider accepted the message; rejects with MailDeliveryError otherwise. */
  send(message: EmailMessage): Promise<void>;
}

export class MailDeliveryError extends Error {
  override readonly name = "MailDeliveryError";
}
