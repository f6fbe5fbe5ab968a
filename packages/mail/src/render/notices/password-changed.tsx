/** @jsxRuntime automatic */
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/** Sent after every password change or reset, so an owner learns of one they did not make. */
function PasswordChangedEmail({ notice, branding, subject }: NoticeEmailProps<"password_changed">) {
  const { appName } = branding;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview="Your password was just changed, and other sessions were logged out."
      heading="Your password was changed"
      to={notice.to}
    >
      <Paragraph>
        {`The password of the ${appName} account ${notice.to} was just changed, and every session logged in elsewhere was logged out.`}
      </Paragraph>
      <Paragraph>If you made this change, there is nothing else to do.</Paragraph>
      <Paragraph>
        If this wasn't you, someone else knows your password or had access to your email. Reset your
        password now to lock them out:
      </Paragraph>
      <ActionButton branding={branding} href={notice.forgotPasswordUrl}>
        Reset my password
      </ActionButton>
    </NoticeLayout>
  );
}

export const passwordChanged: NoticeTemplate<"password_changed"> = {
  subject: ({ appName }) => `Your ${appName} password was changed`,
  Email: PasswordChangedEmail,
};
