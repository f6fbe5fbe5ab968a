import type { EmailMessage } from "../mailer";
import { renderLayout } from "./layout";

export interface ActivationEmailInput {
  to: string;
  link: string;
  expiresInMinutes: number;
  appName?: string;
}

export function activationEmail({
  to,
  link,
  expiresInMinutes,
  appName = "Latch",
}: ActivationEmailInput): EmailMessage {
  const expiry = `This link expires in ${formatMinutes(expiresInMinutes)}.`;
  const { html, text } = renderLayout({
    appName,
    title: `Activate your ${appName} account`,
    preheader: `Confirm your email address to finish signing up. ${expiry}`,
    heading: "Confirm your email address",
    intro: [
      `Thanks for signing up for ${appName} with ${to}.`,
      "Open the link below to activate your account.",
    ],
    button: { label: "Activate account", url: link },
    outro: [
      expiry,
      `If you did not sign up for ${appName}, ignore this email: the account stays inactive.`,
    ],
  });
  return { to, subject: `Activate your ${appName} account`, html, text, kind: "activation" };
}

/** "15 minutes", "1 minute", "2 hours": the expiry must read naturally in both parts. */
export function formatMinutes(minutes: number): string {
  if (!(minutes >= 1)) return "less than a minute";
  const whole = Math.round(minutes);
  if (whole % 60 === 0) return whole === 60 ? "1 hour" : `${whole / 60} hours`;
  return whole === 1 ? "1 minute" : `${whole} minutes`;
}
