/** @jsxRuntime automatic */
import { formatMinutes } from "../format";
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/** Sent to the new address: only its owner can finish the change. */
function EmailChangeConfirmationEmail({
  notice,
  branding,
  subject,
}: NoticeEmailProps<"email_change_confirmation">) {
  const { appName } = branding;
  const expiry = `The link expires in ${formatMinutes(notice.expiresInMinutes)}.`;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview={`Confirm ${notice.to} as the address of your ${appName} account. ${expiry}`}
      heading="Confirm your new email address"
      to={notice.to}
    >
      <Paragraph>
        {`Someone asked to use ${notice.to} as the email address of their ${appName} account. Confirm that this address is yours to finish the change:`}
      </Paragraph>
      <ActionButton branding={branding} href={notice.link}>
        Confirm this address
      </ActionButton>
      <Paragraph>
        {`${expiry} Until you confirm, the account keeps its current address and nothing changes.`}
      </Paragraph>
      <Paragraph>
        If you didn't ask for this, ignore this email: this address will not be added to any
        account.
      </Paragraph>
    </NoticeLayout>
  );
}

export const emailChangeConfirmation: NoticeTemplate<"email_change_confirmation"> = {
  subject: ({ appName }) => `Confirm your new ${appName} email address`,
  Email: EmailChangeConfirmationEmail,
};
