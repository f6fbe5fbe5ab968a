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
}: NoticeEmailProps<"session_ended_after_reuse">) {
  const { appName } = branding;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview="The same session token was used twice, so we logged that session out. Change your password."
      heading="We logged out one of your sessions"
      to={notice.to}
    >
      <Paragraph>
        {`A session of the ${appName} account ${notice.to} presented the same session token twice. A token is replaced each time it is used, so a second use usually means someone copied it from one of your devices.`}
      </Paragraph>
      <Paragraph>
        To protect the account we logged that session out; if it was on your own device, log in
        there again. Your password was not changed, and your other sessions are still logged in.
      </Paragraph>
      <Paragraph>
        We recommend that you change your password now, especially if you don't recognise this: a
        new password logs out every other session, including any copy of this one.
      </Paragraph>
      <ActionButton branding={branding} href={notice.accountUrl}>
        Change my password
      </ActionButton>
      <Paragraph>
        {"Can't log in? "}
        <InlineLink branding={branding} href={notice.forgotPasswordUrl}>
          Reset your password
        </InlineLink>
      </Paragraph>
    </NoticeLayout>
  );
}

export const sessionEndedAfterReuse: NoticeTemplate<"session_ended_after_reuse"> = {
  subject: ({ appName }) => `Security alert: we logged out a session of your ${appName} account`,
  Email: SessionEndedAfterReuseEmail,
};
