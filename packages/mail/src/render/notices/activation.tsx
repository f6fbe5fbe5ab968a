/** @jsxRuntime automatic */
import { formatMinutes } from "../format";
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

function ActivationEmail({ notice, branding, subject }: NoticeEmailProps<"activation">) {
  const { appName } = branding;
  const expiry = `The link expires in ${formatMinutes(notice.expiresInMinutes)}.`;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview={`Confirm your email address to finish signing up. ${expiry}`}
      heading="Confirm your email address"
      to={notice.to}
    >
      <Paragraph>{`Thanks for signing up for ${appName} with ${notice.to}.`}</Paragraph>
      <Paragraph>Confirm that this address is yours to activate your account.</Paragraph>
      <ActionButton branding={branding} href={notice.link}>
        Activate my account
      </ActionButton>
      <Paragraph>
        {`${expiry} If it has expired, log in to ${appName} and ask for a new one; only the newest link works.`}
      </Paragraph>
      <Paragraph>
        {`If you didn't sign up for ${appName}, ignore this email: the account stays inactive.`}
      </Paragraph>
    </NoticeLayout>
  );
}

export const activation: NoticeTemplate<"activation"> = {
  subject: ({ appName }) => `Activate your ${appName} account`,
  Email: ActivationEmail,
};
