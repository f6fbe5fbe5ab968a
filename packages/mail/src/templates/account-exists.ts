import type { EmailMessage } from "../mailer";
import { renderLayout } from "./layout";

export interface AccountExistsEmailInput {
  to: string;
  loginUrl: string;
  appName?: string;
}

/**
 * Sent instead of an activation email when someone signs up with an address
 * that already has an account: the sign-up form answers the same either way,
 * so only the address's owner learns that the account exists.
 */
export function accountExistsEmail({
  to,
  loginUrl,
  appName = "Latch",
}: AccountExistsEmailInput): EmailMessage {
  const { html, text } = renderLayout({
    appName,
    title: `You already have a ${appName} account`,
    preheader: "Someone tried to sign up with this address. You can log in instead.",
    heading: "You already have an account",
    intro: [
      `Someone just tried to sign up for ${appName} with ${to}, but this address already has an account.`,
      "If that was you, log in instead:",
    ],
    button: { label: `Log in to ${appName}`, url: loginUrl },
    outro: [
      "If it was not you, you can ignore this email. Nothing about your account has changed.",
    ],
  });
  return {
    to,
    subject: `You already have a ${appName} account`,
    html,
    text,
    kind: "account-exists",
  };
}
