/** @jsxRuntime automatic */
import { formatMinutes } from "../format";
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/** Sent to the new address: only its owner can finish the change. */
function EmailChangeConfirmationEmail({
  notice,
  branding,
  subject,
  t,
  locale,
}: NoticeEmailProps<"email_change_confirmation">) {
  const { appName } = branding;
  const { to } = notice;
  const expiry = t("emails.common.linkExpires", {
    duration: formatMinutes(t, notice.expiresInMinutes),
  });
  return (
    <NoticeLayout
      t={t}
      locale={locale}
      branding={branding}
      title={subject}
      preview={t("emails.emailChangeConfirmation.preview", { to, appName, expiry })}
      heading={t("emails.emailChangeConfirmation.heading")}
      to={to}
    >
      <Paragraph>{t("emails.emailChangeConfirmation.body", { to, appName })}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.link}>
        {t("emails.emailChangeConfirmation.button")}
      </ActionButton>
      <Paragraph>{t("emails.emailChangeConfirmation.until", { expiry })}</Paragraph>
      <Paragraph>{t("emails.emailChangeConfirmation.ignore")}</Paragraph>
    </NoticeLayout>
  );
}

export const emailChangeConfirmation: NoticeTemplate<"email_change_confirmation"> = {
  subject: (t, { appName }) => t("emails.emailChangeConfirmation.subject", { appName }),
  Email: EmailChangeConfirmationEmail,
};
