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
  t,
  locale,
}: NoticeEmailProps<"passwordless_login">) {
  const { appName } = branding;
  const expiry = t("emails.passwordlessLogin.expiry", {
    duration: formatMinutes(t, notice.expiresInMinutes),
  });
  return (
    <NoticeLayout
      t={t}
      locale={locale}
      branding={branding}
      title={subject}
      preview={t("emails.passwordlessLogin.preview", { appName, expiry })}
      heading={t("emails.passwordlessLogin.heading", { appName })}
      to={notice.to}
    >
      <Paragraph>{t("emails.passwordlessLogin.body", { appName, to: notice.to })}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.link}>
        {t("emails.passwordlessLogin.button", { appName })}
      </ActionButton>
      <Paragraph>{t("emails.passwordlessLogin.code", { code: spacedCode(notice.code) })}</Paragraph>
      <Paragraph>{expiry}</Paragraph>
      <Paragraph>{t("emails.passwordlessLogin.neverTell", { appName })}</Paragraph>
      <Paragraph>{t("emails.passwordlessLogin.ignore")}</Paragraph>
    </NoticeLayout>
  );
}

export const passwordlessLogin: NoticeTemplate<"passwordless_login"> = {
  // The code stays out of the subject: subjects show on lock screens and in mail logs.
  subject: (t, { appName }) => t("emails.passwordlessLogin.subject", { appName }),
  Email: PasswordlessLoginEmail,
};
