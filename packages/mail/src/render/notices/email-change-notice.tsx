/** @jsxRuntime automatic */
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/** Sent to the current address, so a takeover that moves the account never goes unnoticed. */
function EmailChangeNoticeEmail({
  notice,
  branding,
  subject,
}: NoticeEmailProps<"email_change_notice">) {
  const { appName } = branding;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview={`Someone asked to move your ${appName} account to ${notice.newEmail}.`}
      heading="Your email address may change"
      to={notice.to}
    >
      <Paragraph>
        {`Someone logged in to the ${appName} account ${notice.to} asked to change its email address to ${notice.newEmail}.`}
      </Paragraph>
      <Paragraph>
        The change happens only once the new address is confirmed from the link we sent there. If
        you asked for it, there is nothing else to do.
      </Paragraph>
      <Paragraph>
        If this wasn't you, someone else knows your password. Reset it now, before the change is
        confirmed: a new password signs them out and cancels the change.
      </Paragraph>
      <ActionButton branding={branding} href={notice.forgotPasswordUrl}>
        Reset my password
      </ActionButton>
    </NoticeLayout>
  );
}

export const emailChangeNotice: NoticeTemplate<"email_change_notice"> = {
  subject: ({ appName }) => `Someone asked to change your ${appName} email address`,
  Email: EmailChangeNoticeEmail,
};
