/** @jsxRuntime automatic */
import { ActionButton, InlineLink, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

/**
 * Sent instead of an activation email when someone signs up with an address
 * that already has an account: the sign-up form answers the same either way,
 * so only the address's owner learns that the account exists.
 */
function AccountExistsEmail({ notice, branding, subject }: NoticeEmailProps<"account_exists">) {
  const { appName } = branding;
  return (
    <NoticeLayout
      branding={branding}
      title={subject}
      preview="Someone tried to sign up with this address. You can log in instead."
      heading="You already have an account"
      to={notice.to}
    >
      <Paragraph>
        {`Someone just tried to sign up for ${appName} with ${notice.to}, but this address already has an account. If that was you, log in instead:`}
      </Paragraph>
      <ActionButton branding={branding} href={notice.loginUrl}>
        {`Log in to ${appName}`}
      </ActionButton>
      <Paragraph>
        {"Forgot your password? "}
        <InlineLink branding={branding} href={notice.forgotPasswordUrl}>
          Reset it
        </InlineLink>
      </Paragraph>
      <Paragraph>
        If this wasn't you, you can ignore this email: nothing about your account has changed.
      </Paragraph>
    </NoticeLayout>
  );
}

export const accountExists: NoticeTemplate<"account_exists"> = {
  subject: ({ appName }) => `You already have an account with ${appName}`,
  Email: AccountExistsEmail,
};
