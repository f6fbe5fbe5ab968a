/** @jsxRuntime automatic */
import { ActionButton, InlineLink, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/**
 * Security notice: a refresh token was presented again after it had been
 * replaced, which is what a stolen copy looks like, so the session was ended.
 */
function SessionEndedAfterReuseEmail({
  notice,
  branding,
  subject,
  t,
  locale,
}: NoticeEmailProps<"session_ended_after_reuse">) {
  const { appName } = branding;
  return (
    <NoticeLayout
      t={t}
      locale={locale}
      branding={branding}
      title={subject}
      preview={t("emails.sessionEndedAfterReuse.preview")}
      heading={t("emails.sessionEndedAfterReuse.heading")}
      to={notice.to}
    >
      <Paragraph>{t("emails.sessionEndedAfterReuse.body", { appName, to: notice.to })}</Paragraph>
      <Paragraph>{t("emails.sessionEndedAfterReuse.protect")}</Paragraph>
      <Paragraph>{t("emails.sessionEndedAfterReuse.recommend")}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.accountUrl}>
        {t("emails.sessionEndedAfterReuse.button")}
      </ActionButton>
      <Paragraph>
        {t.rich("emails.common.cantLogIn", {
          link: (chunks) => (
            <InlineLink branding={branding} href={notice.forgotPasswordUrl}>
              {chunks}
            </InlineLink>
          ),
        })}
      </Paragraph>
    </NoticeLayout>
  );
}

export const sessionEndedAfterReuse: NoticeTemplate<"session_ended_after_reuse"> = {
  subject: (t, { appName }) => t("emails.sessionEndedAfterReuse.subject", { appName }),
  Email: SessionEndedAfterReuseEmail,
};
