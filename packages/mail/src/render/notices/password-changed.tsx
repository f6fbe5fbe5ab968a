/** @jsxRuntime automatic */
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/** Sent after every password change or reset, so an owner learns of one they did not make. */
function PasswordChangedEmail({
  notice,
  branding,
  subject,
  t,
  locale,
}: NoticeEmailProps<"password_changed">) {
  const { appName } = branding;
  return (
    <NoticeLayout
      t={t}
      locale={locale}
      branding={branding}
      title={subject}
      preview={t("emails.passwordChanged.preview")}
      heading={t("emails.passwordChanged.heading")}
      to={notice.to}
    >
      <Paragraph>{t("emails.passwordChanged.body", { appName, to: notice.to })}</Paragraph>
      <Paragraph>{t("emails.common.nothingElse")}</Paragraph>
      <Paragraph>{t("emails.passwordChanged.notYou")}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.forgotPasswordUrl}>
        {t("emails.common.resetMyPassword")}
      </ActionButton>
    </NoticeLayout>
  );
}

export const passwordChanged: NoticeTemplate<"password_changed"> = {
  subject: (t, { appName }) => t("emails.passwordChanged.subject", { appName }),
  Email: PasswordChangedEmail,
};
