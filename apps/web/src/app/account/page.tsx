import type { Metadata } from "next";
import { Card } from "../../components/card";
import { getServerCaller } from "../../trpc/server";
import styles from "./account.module.css";
import { KeepSessionAlive, LogoutButton, RestoreSessionOrLogin } from "./account-session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const caller = await getServerCaller();
  const { user, accessExpiresAt } = await caller.session.current();

  // No valid access cookie: the refresh cookie (sent only to the API) may still restore the session.
  if (!user || !accessExpiresAt) return <RestoreSessionOrLogin />;

  return (
    <Card title="Your account" intro={<p>You are signed in.</p>}>
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
    </Card>
  );
}
