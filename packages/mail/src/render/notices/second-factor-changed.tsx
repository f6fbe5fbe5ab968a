/** @jsxRuntime automatic */
import type { SecondFactorChange } from "@latch/auth/ports";
import type { Branding } from "../../branding";
import { ActionButton, InlineLink, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/** Each change in a few words: the subject's and the heading's. */
function headline(change: SecondFactorChange): string {
  switch (change.what) {
    case "enabled":
      return "Two-step login was turned on";
    case "disabled":
      return "Two-step login was turned off";
    case "recovery_codes_regenerated":
      return "You have new recovery codes";
    case "recovery_code_used":
      return "A recovery code was used to log in";
    case "passkey_added":
      return "A passkey was added";
    case "passkey_removed":
      return "A passkey was removed";
    case "provider_connected":
      return `${change.name} was connected to your account`;
    case "provider_disconnected":
      return `${change.name} was disconnected from your account`;
  }
}

/** The subject's words after "Security alert:"; a provider's name keeps its capitals. */
function subjectLine(change: SecondFactorChange, appName: string): string {
  switch (change.what) {
    case "provider_connected":
      return `${change.name} was connected to your ${appName} account`;
    case "provider_disconnected":
      return `${change.name} was disconnected from your ${appName} account`;
    default:
      return `${headline(change).toLowerCase()} on your ${appName} account`;
  }
}

function whatHappened(change: SecondFactorChange, appName: string, to: string): string {
  switch (change.what) {
    case "enabled":
      return `Two-step login was turned on for the ${appName} account ${to}: logging in now takes a code from an authenticator app (or a recovery code) as well as the password.`;
    case "disabled":
      return `Two-step login was turned off for the ${appName} account ${to}: the password alone logs in again, and the recovery codes no longer work.`;
    case "recovery_codes_regenerated":
      return `New recovery codes were made for the ${appName} account ${to}; the old ones no longer work.`;
    case "recovery_code_used":
      return `Someone logged in to the ${appName} account ${to} with a recovery code instead of a code from the authenticator app. Each code works once: ${codesLeft(change.codesLeft)}.`;
    case "passkey_added":
      return `A passkey named "${change.name}" was added to the ${appName} account ${to}: it now logs in to this account without the password.`;
    case "passkey_removed":
      return `The passkey named "${change.name}" was removed from the ${appName} account ${to}: it no longer logs in.`;
    case "provider_connected":
      return `An account at ${change.name} was connected to the ${appName} account ${to}: logging in with ${change.name} now opens this account.`;
    case "provider_disconnected":
      return `${change.name} was disconnected from the ${appName} account ${to}: logging in with ${change.name} no longer opens it.`;
  }
}

/**
 * Connecting or disconnecting a provider takes a signed-in session, not
 * necessarily the password (an account a provider created may have none).
 */
function ifNotYou(change: SecondFactorChange): string {
  return change.what === "provider_connected" || change.what === "provider_disconnected"
    ? "If this wasn't you, someone else got into your account. Review your connected accounts and sessions now:"
    : "If this wasn't you, someone else knows your password and got past the second step. Review your two-step login and sessions now:";
}

const codesLeft = (count: number) =>
  count === 1 ? "there is 1 recovery code left" : `there are ${count} recovery codes left`;

/**
 * Security notice: the second factor changed, or a recovery code was spent.
 * Each is something an attacker who got in would do, so the owner hears of it.
 */
function SecondFactorChangedEmail({
  notice,
  branding,
  subject,
}: NoticeEmailProps<"second_factor_changed">) {
  const { change } = notice;
  const heading = headline(change);
  const lastCodeGone = change.what === "recovery_code_used" && change.codesLeft === 0;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview={`${heading}. If this wasn't you, reset your password now.`}
      heading={heading}
      to={notice.to}
    >
      <Paragraph>{whatHappened(change, branding.appName, notice.to)}</Paragraph>
      {lastCodeGone ? (
        <Paragraph>
          There are no recovery codes left: make new ones on your account page, so a lost phone does
          not lock you out.
        </Paragraph>
      ) : null}
      <Paragraph>If you made this change, there is nothing else to do.</Paragraph>
      <Paragraph>{ifNotYou(change)}</Paragraph>
      <ActionButton branding={branding} href={notice.accountUrl}>
        Review my account
      </ActionButton>
      <Paragraph>
        {"Can't log in? "}
        <InlineLink branding={branding} href={notice.forgotPasswordUrl}>
          Reset your password
        </InlineLink>
      </Paragraph>
    </NoticeLayout>
  );
}

export const secondFactorChanged: NoticeTemplate<"second_factor_changed"> = {
  subject: ({ appName }: Branding, notice) =>
    `Security alert: ${subjectLine(notice.change, appName)}`,
  Email: SecondFactorChangedEmail,
};
