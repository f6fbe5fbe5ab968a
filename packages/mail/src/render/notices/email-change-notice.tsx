/** @jsxRuntime automatic */
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/** Sent to the current address, so a takeover that moves the account never goes unnoticed. */
function EmailChangeNoticeEmail({
  notice,
  branding,
  subject,
  t,
  locale,
}: NoticeEmailProps<"email_change_notice">) {
  const { appName } = branding;
  const { to, newEmail } = notice;
  return (
    <NoticeLayout
      t={t}
      locale={locale}
      branding={branding}
      title={subject}
      preview={t("emails.emailChangeNotice.preview", { appName, newEmail })}
      heading={t("emails.emailChangeNotice.heading")}
      to={to}
    >
      <Paragraph>{t("emails.emailChangeNotice.body", { appName, to, newEmail })}</Paragraph>
      <Paragraph>{t("emails.emailChangeNotice.onlyOnce")}</Paragraph>
      <Paragraph>{t("emails.emailChangeNotice.notYou")}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.forgotPasswordUrl}>
        {t("emails.common.resetMyPassword")}
      </ActionButton>
    </NoticeLayout>
  );
}

export const emailChangeNotice: NoticeTemplate<"email_change_notice"> = {
  subject: (t, { appName }) => t("emails.emailChangeNotice.subject", { appName }),
  Email: EmailChangeNoticeEmail,
};
