/** @jsxRuntime automatic */
import { ActionButton, NoticeLayout, Paragraph, SupportLink } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

function AccountDeletedEmail({ notice, branding, subject }: NoticeEmailProps<"account_deleted">) {
  const { appName, supportEmail } = branding;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview={`Your ${appName} account and all its sessions are gone.`}
      heading="Your account was deleted"
      to={notice.to}
    >
      <Paragraph>
        {`The ${appName} account ${notice.to} was deleted, and every session logged in to it was logged out. The account cannot be restored.`}
      </Paragraph>
      <Paragraph>
        {supportEmail === null ? (
          "If you didn't delete it, someone else knew your password. If you use that password anywhere else, change it there too."
        ) : (
          <>
            {"If you didn't delete it, someone else knew your password: write to us at "}
            <SupportLink branding={branding} address={supportEmail} />
            {" and change that password wherever else you use it."}
          </>
        )}
      </Paragraph>
      <Paragraph>{`You are welcome back any time: you can sign up again with ${notice.to}.`}</Paragraph>
      <ActionButton branding={branding} href={notice.signupUrl}>
        Create a new account
      </ActionButton>
    </NoticeLayout>
  );
}

export const accountDeleted: NoticeTemplate<"account_deleted"> = {
  subject: ({ appName }) => `Your ${appName} account was deleted`,
  Email: AccountDeletedEmail,
};
