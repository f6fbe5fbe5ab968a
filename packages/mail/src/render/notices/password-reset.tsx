/** @jsxRuntime automatic */
import { formatMinutes } from "../format";
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

function PasswordResetEmail({
  notice,
  branding,
  subject,
  t,
  locale,
}: NoticeEmailProps<"password_reset">) {
  const { appName } = branding;
  const expiry = t("emails.passwordReset.expiry", {
    duration: formatMinutes(t, notice.expiresInMinutes),
  });
  return (
    <NoticeLayout
      t={t}
      locale={locale}
      branding={branding}
      title={subject}
      preview={t("emails.passwordReset.preview", { appName, expiry })}
      heading={t("emails.passwordReset.heading")}
      to={notice.to}
    >
      <Paragraph>{t("emails.passwordReset.body", { appName, to: notice.to })}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.link}>
        {t("emails.passwordReset.button")}
      </ActionButton>
      <Paragraph>{t("emails.passwordReset.signsOut", { expiry })}</Paragraph>
      <Paragraph>{t("emails.passwordReset.ignore")}</Paragraph>
    </NoticeLayout>
  );
}

export const passwordReset: NoticeTemplate<"password_reset"> = {
  subject: (t, { appName }) => t("emails.passwordReset.subject", { appName }),
  Email: PasswordResetEmail,
};
