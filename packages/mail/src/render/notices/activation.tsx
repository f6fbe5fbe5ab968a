/** @jsxRuntime automatic */
import { formatMinutes } from "../format";
import { ActionButton, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

function ActivationEmail({ notice, branding, subject, t, locale }: NoticeEmailProps<"activation">) {
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
      preview={t("emails.activation.preview", { expiry })}
      heading={t("emails.activation.heading")}
      to={to}
    >
      <Paragraph>{t("emails.activation.thanks", { appName, to })}</Paragraph>
      <Paragraph>{t("emails.activation.confirm")}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.link}>
        {t("emails.activation.button")}
      </ActionButton>
      <Paragraph>{t("emails.activation.expired", { expiry, appName })}</Paragraph>
      <Paragraph>{t("emails.activation.ignore", { appName })}</Paragraph>
    </NoticeLayout>
  );
}

export const activation: NoticeTemplate<"activation"> = {
  subject: (t, { appName }) => t("emails.activation.subject", { appName }),
  Email: ActivationEmail,
};
