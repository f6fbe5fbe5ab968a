import { messageOfReason } from "@latch/api";
import type { Metadata } from "next";
import { Card, Stack } from "../../components/card";
import { isServiceUnavailable, ServiceUnavailable } from "../../components/service-unavailable";
import { type PageSession, requireSession } from "../../server/session";
import { getServerCaller } from "../../trpc/server";
import styles from "./account.module.css";
import { AccountSection } from "./account-section";
import { KeepSessionAlive, LogoutButton } from "./account-session";
import { ChangeEmailForm } from "./change-email-form";
import { ChangePasswordForm } from "./change-password-form";
import { ConnectedAccounts } from "./connected-accounts";
import { DeleteAccount } from "./delete-account";
import { NotMe } from "./not-me";
import { RecentActivity } from "./recent-activity";
import { SessionsTable } from "./sessions-table";
import { TwoStepLogin } from "./two-step-login";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  let session: PageSession;
  try {
    session = await requireSession("/account");
  } catch (error) {
    if (isServiceUnavailable(error)) return <ServiceUnavailable />;
    throw error;
  }
  const { user, accessExpiresAt } = session;
  const params = await searchParams;
  const { providers } = await (await getServerCaller()).auth.identities.providers();
  const problem = messageOfReason(params.error);
  const outcome = problem
    ? { problem }
    : params.connected === "1"
      ? { connected: true as const }
      : null;

  return (
    <Card wide title="Your account" intro={<p>You are logged in.</p>}>
      <KeepSessionAlive user={user} accessExpiresAt={accessExpiresAt} />
      <dl className={styles.details}>
        <dt>Email address</dt>
        <dd data-testid="account-email">{user.email}</dd>
        <dt>Account ID</dt>
        <dd>
          <code>{user.id}</code>
        </dd>
      </dl>
      <LogoutButton />

      <div className={styles.pair}>
        <AccountSection
          id="password"
          title="Change your password"
          intro={<p>Every other session is logged out; this one stays.</p>}
        >
          <ChangePasswordForm email={user.email} />
        </AccountSection>
        <AccountSection
          id="email"
          title="Change your email address"
          intro={<p>We send a link to the new address; the change happens when you open it.</p>}
        >
          <ChangeEmailForm />
        </AccountSection>
      </div>

      <AccountSection
        id="two-step"
        title="Two-step login"
        intro={
          <p>
            Ask for a code from an authenticator app as well as your password, so a stolen password
            alone cannot log in. Passkeys log in on their own, and also serve as that code.
          </p>
        }
      >
        <TwoStepLogin />
      </AccountSection>

      {providers.length > 0 ? (
        <AccountSection
          id="connected"
          title="Connected accounts"
          intro={<p>Providers you can log in with instead of your password.</p>}
        >
          <ConnectedAccounts outcome={outcome} />
        </AccountSection>
      ) : null}

      <AccountSection
        id="sessions"
        title="Where you are logged in"
        intro={<p>Log out any session you do not recognise, then change your password.</p>}
      >
        <SessionsTable />
      </AccountSection>

      <AccountSection
        id="activity"
        title="Recent activity"
        intro={
          <p>
            Logins and changes to your account, newest first. If one was not you, end every session
            at once and choose a new password.
          </p>
        }
      >
        <Stack>
          <RecentActivity />
          <NotMe />
        </Stack>
      </AccountSection>

      <AccountSection
        id="delete"
        title="Delete your account"
        tone="danger"
        intro={
          <p>
            This removes your address, your password and every session, at once and for good. We
            send a last email to confirm it.
          </p>
        }
      >
        <DeleteAccount />
      </AccountSection>
    </Card>
  );
}
