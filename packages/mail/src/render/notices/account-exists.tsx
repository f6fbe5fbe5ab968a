/** @jsxRuntime automatic */
import { ActionButton, InlineLink, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/**
 * Sent instead of an activation email when someone signs up with an address
 * that already has an account: the sign-up form answers the same either way,
 * so only the address's owner learns that the account exists.
 */
function AccountExistsEmail({
  notice,
  branding,
  subject,
  t,
  locale,
}: NoticeEmailProps<"account_exists">) {
  const { appName } = branding;
  return (
    <NoticeLayout
      t={t}
      locale={locale}
      branding={branding}
      title={subject}
      preview={t("emails.accountExists.preview")}
      heading={t("emails.accountExists.heading")}
      to={notice.to}
    >
      <Paragraph>{t("emails.accountExists.body", { appName, to: notice.to })}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.loginUrl}>
        {t("emails.accountExists.button", { appName })}
      </ActionButton>
      <Paragraph>
        {t.rich("emails.accountExists.forgot", {
          link: (chunks) => (
            <InlineLink branding={branding} href={notice.forgotPasswordUrl}>
              {chunks}
            </InlineLink>
          ),
        })}
      </Paragraph>
      <Paragraph>{t("emails.accountExists.ignore")}</Paragraph>
    </NoticeLayout>
  );
}

export const accountExists: NoticeTemplate<"account_exists"> = {
  subject: (t, { appName }) => t("emails.accountExists.subject", { appName }),
  Email: AccountExistsEmail,
};
