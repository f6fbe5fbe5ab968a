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
      preview="The same sign-in token was used twice, so we signed that session out. Change your password."
      heading="We signed out one of your sessions"
      to={notice.to}
    >
      <Paragraph>
        {`A session of the ${appName} account ${notice.to} presented the same sign-in token twice. A token is replaced each time it is used, so a second use usually means someone copied it from one of your devices.`}
      </Paragraph>
      <Paragraph>
        To protect the account we signed that session out; if it was on your own device, sign in
        there again. Your password was not changed, and your other sessions are still signed in.
      </Paragraph>
      <Paragraph>
        We recommend that you change your password now, especially if you don't recognise this: a
        new password signs out every other session, including any copy of this one.
      </Paragraph>
      <ActionButton branding={branding} href={notice.accountUrl}>
        Change my password
      </ActionButton>
      <Paragraph>
        {"Can't sign in? "}
        <InlineLink branding={branding} href={notice.forgotPasswordUrl}>
          Reset your password
        </InlineLink>
      </Paragraph>
    </NoticeLayout>
  );
}

export const sessionEndedAfterReuse: NoticeTemplate<"session_ended_after_reuse"> = {
  subject: ({ appName }) => `Security alert: we signed out a session of your ${appName} account`,
  Email: SessionEndedAfterReuseEmail,
};
