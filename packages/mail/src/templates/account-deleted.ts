import type { EmailMessage } from "../mailer";
import { renderLayout } from "./layout";

export interface AccountDeletedEmailInput {
  to: string;
  signupUrl: string;
  appName?: string;
}

export function accountDeletedEmail({
  to,
  signupUrl,
  appName = "Latch",
}: AccountDeletedEmailInput): EmailMessage {
  const { html, text } = renderLayout({
    appName,
    title: `Your ${appName} account was deleted`,
    preheader: "Your account and its sessions are gone.",
    heading: "Goodbye",
    intro: [
      `The ${appName} account ${to} was deleted, with all its sessions.`,
      "We keep nothing about it. You are welcome back any time.",
    ],
    button: { label: "Create a new account", url: signupUrl },
    outro: ["If you did not delete it, someone knew your password: please contact us."],
  });
  return {
    to,
    subject: `Your ${appName} account was deleted`,
    html,
    text,
    kind: "account-deleted",
  };
}
