import type { EmailMessage } from "../mailer";
import { renderLayout } from "./layout";

export interface PasswordChangedEmailInput {
  to: string;
  /** Where to start over if the change was not the owner's doing. */
  forgotPasswordUrl: string;
  appName?: string;
}

/** Sent after every password change or reset, so an owner learns of one they did not make. */
export function passwordChangedEmail({
  to,
  forgotPasswordUrl,
  appName = "Latch",
}: PasswordChangedEmailInput): EmailMessage {
  const { html, text } = renderLayout({
    appName,
    title: `Your ${appName} password was changed`,
    preheader: "Your password was just changed and other sessions were signed out.",
    heading: "Your password was changed",
    intro: [
      `The password of the ${appName} account ${to} was just changed.`,
      "Every other session of the account was signed out.",
    ],
    button: { label: "It wasn't me: reset my password", url: forgotPasswordUrl },
    outro: ["If it was you, there is nothing else to do."],
  });
  return {
    to,
    subject: `Your ${appName} password was changed`,
    html,
    text,
    kind: "password-changed",
  };
}
