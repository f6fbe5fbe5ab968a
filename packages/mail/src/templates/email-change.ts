import type { EmailMessage } from "../mailer";
import { formatMinutes } from "./activation";
import { renderLayout } from "./layout";

export interface EmailChangeConfirmInput {
  /** The new address: only its owner can confirm the change. */
  to: string;
  link: string;
  expiresInMinutes: number;
  appName?: string;
}

export function emailChangeConfirmEmail({
  to,
  link,
  expiresInMinutes,
  appName = "Latch",
}: EmailChangeConfirmInput): EmailMessage {
  const expiry = `This link expires in ${formatMinutes(expiresInMinutes)}.`;
  const { html, text } = renderLayout({
    appName,
    title: `Confirm your new ${appName} email address`,
    preheader: `Confirm ${to} as the address of your ${appName} account. ${expiry}`,
    heading: "Confirm your new email address",
    intro: [`Someone asked to use ${to} as the address of their ${appName} account.`],
    button: { label: "Confirm this address", url: link },
    outro: [expiry, "If you did not ask for this, ignore this email: nothing will change."],
  });
  return {
    to,
    subject: `Confirm your new ${appName} email address`,
    html,
    text,
    kind: "email-change-confirm",
  };
}

export interface EmailChangeNoticeInput {
  /** The current address, told of the request so a hijack never goes unnoticed. */
  to: string;
  newEmail: string;
  forgotPasswordUrl: string;
  appName?: string;
}

export function emailChangeNoticeEmail({
  to,
  newEmail,
  forgotPasswordUrl,
  appName = "Latch",
}: EmailChangeNoticeInput): EmailMessage {
  const { html, text } = renderLayout({
    appName,
    title: `A change of your ${appName} email address was requested`,
    preheader: `Someone asked to move your account to ${newEmail}.`,
    heading: "Your email address may change",
    intro: [
      `Someone signed in to the ${appName} account ${to} asked to change its address to ${newEmail}.`,
      "The change happens only once the new address is confirmed.",
    ],
    button: { label: "It wasn't me: reset my password", url: forgotPasswordUrl },
    outro: ["If it was you, there is nothing else to do."],
  });
  return {
    to,
    subject: `A change of your ${appName} email address was requested`,
    html,
    text,
    kind: "email-change-notice",
  };
}
