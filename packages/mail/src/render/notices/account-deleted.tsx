/** @jsxRuntime automatic */
import { ActionButton, NoticeLayout, Paragraph, SupportLink } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

function AccountDeletedEmail({
  notice,
  branding,
  subject,
  t,
  locale,
}: NoticeEmailProps<"account_deleted">) {
  const { appName, supportEmail } = branding;
  const { to } = notice;
  return (
    <NoticeLayout
      t={t}
      locale={locale}
      branding={branding}
      title={subject}
      preview={t("emails.accountDeleted.preview", { appName })}
      heading={t("emails.accountDeleted.heading")}
      to={to}
    >
      <Paragraph>{t("emails.accountDeleted.body", { appName, to })}</Paragraph>
      <Paragraph>
        {supportEmail === null
          ? t("emails.accountDeleted.notYou")
          : t.rich("emails.accountDeleted.notYouSupport", {
              address: supportEmail,
              link: () => <SupportLink branding={branding} address={supportEmail} />,
            })}
      </Paragraph>
      <Paragraph>{t("emails.accountDeleted.welcomeBack", { to })}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.signupUrl}>
        {t("emails.accountDeleted.button")}
      </ActionButton>
    </NoticeLayout>
  );
}

export const accountDeleted: NoticeTemplate<"account_deleted"> = {
  subject: (t, { appName }) => t("emails.accountDeleted.subject", { appName }),
  Email: AccountDeletedEmail,
};
