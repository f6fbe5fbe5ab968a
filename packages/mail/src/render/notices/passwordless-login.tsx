/** @jsxRuntime automatic */
import { formatMinutes } from "../format";
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/** "123 456": two groups of three are easier to read off one screen and type on another. */
const spacedCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

function PasswordlessLoginEmail({
  notice,
  branding,
  subject,
}: NoticeEmailProps<"passwordless_login">) {
  const { appName } = branding;
  const code = spacedCode(notice.code);
  const expiry = `The link and the code expire in ${formatMinutes(notice.expiresInMinutes)}; using either one spends both.`;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview={`Log in to ${appName} with the link or a 6-digit code. ${expiry}`}
      heading={`Log in to ${appName}`}
      to={notice.to}
    >
      <Paragraph>
        {`Someone asked to log in to the ${appName} account ${notice.to} without a password. To log in on this device, open this link and press the button on the page:`}
      </Paragraph>
      <ActionButton branding={branding} href={notice.link}>
        {`Log in to ${appName}`}
      </ActionButton>
      <Paragraph>{`On another device, type this code where you asked for the email: ${code}`}</Paragraph>
      <Paragraph>{expiry}</Paragraph>
      <Paragraph>
        {`Never tell anyone this code, not even someone who says they are from ${appName}: whoever has it can log in as you.`}
      </Paragraph>
      <Paragraph>
        If you didn't ask for this, ignore this email: nobody can log in without this link or code,
        and it stops working by itself.
      </Paragraph>
    </NoticeLayout>
  );
}

export const passwordlessLogin: NoticeTemplate<"passwordless_login"> = {
  // The code stays out of the subject: subjects show on lock screens and in mail logs.
  subject: ({ appName }) => `Your ${appName} login link and code`,
  Email: PasswordlessLoginEmail,
};
