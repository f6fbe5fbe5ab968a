/** @jsxRuntime automatic */
import { formatMinutes } from "../format";
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

function PasswordResetEmail({ notice, branding, subject }: NoticeEmailProps<"password_reset">) {
  const { appName } = branding;
  const expiry = `The link expires in ${formatMinutes(notice.expiresInMinutes)} and works once.`;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview={`Choose a new password for your ${appName} account. ${expiry}`}
      heading="Reset your password"
      to={notice.to}
    >
      <Paragraph>
        {`Someone asked to reset the password of the ${appName} account ${notice.to}. To choose a new password, open this link:`}
      </Paragraph>
      <ActionButton branding={branding} href={notice.link}>
        Choose a new password
      </ActionButton>
      <Paragraph>{`${expiry} A new password signs the account out everywhere.`}</Paragraph>
      <Paragraph>
        If you didn't ask for this, ignore this email: your password stays as it is, and nobody can
        change it without this link.
      </Paragraph>
    </NoticeLayout>
  );
}

export const passwordReset: NoticeTemplate<"password_reset"> = {
  subject: ({ appName }) => `Reset your ${appName} password`,
  Email: PasswordResetEmail,
};
