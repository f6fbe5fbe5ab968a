import type { EmailMessage } from "../mailer";
import { formatMinutes } from "./activation";
import { renderLayout } from "./layout";

export interface PasswordResetEmailInput {
  to: string;
  link: string;
  expiresInMinutes: number;
  appName?: string;
}

export function passwordResetEmail({
  to,
  link,
  expiresInMinutes,
  appName = "Latch",
}: PasswordResetEmailInput): EmailMessage {
  const expiry = `This link expires in ${formatMinutes(expiresInMinutes)} and works once.`;
  const { html, text } = renderLayout({
    appName,
    title: `Reset your ${appName} password`,
    preheader: `Someone asked to reset the password of ${to}. ${expiry}`,
    heading: "Reset your password",
    intro: [`Someone asked to reset the password of the ${appName} account ${to}.`],
    button: { label: "Choose a new password", url: link },
    outro: [
      expiry,
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ],
  });
  return { to, subject: `Reset your ${appName} password`, html, text, kind: "password-reset" };
}
