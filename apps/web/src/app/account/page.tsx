import { messageOfReason } from "@latch/api";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, Stack } from "../../components/card";
import { isServiceUnavailable, ServiceUnavailable } from "../../components/service-unavailable";
import { type PageSession, requireSession } from "../../server/session";
import { getServerCaller } from "../../trpc/server";
import styles from "./account.module.css";
import { AccountLanguage } from "./account-language";
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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title") };
}

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
  const t = await getTranslations("account");
  const params = await searchParams;
  const { providers } = await (await getServerCaller()).auth.identities.providers();
  const problem = messageOfReason(params.error, await getLocale());
  const outcome = problem
    ? { problem }
    : params.connected === "1"
      ? { connected: true as const }
      : null;

  return (
    <Card wide title={t("title")} intro={<p>{t("intro")}</p>}>
      <KeepSessionAlive user={user} accessExpiresAt={accessExpiresAt} />
      <dl className={styles.details}>
        <dt>{t("emailLabel")}</dt>
        <dd data-testid="account-email">{user.email}</dd>
        <dt>{t("idLabel")}</dt>
        <dd>
          <code>{user.id}</code>
        </dd>
      </dl>
      <LogoutButton />

      <div className={styles.pair}>
        <AccountSection
          id="password"
          title={t("password.title")}
          intro={<p>{t("password.intro")}</p>}
        >
          <ChangePasswordForm email={user.email} />
        </AccountSection>
        <AccountSection id="email" title={t("email.title")} intro={<p>{t("email.intro")}</p>}>
          <ChangeEmailForm />
        </AccountSection>
      </div>

      <AccountSection id="two-step" title={t("twoStep.title")} intro={<p>{t("twoStep.intro")}</p>}>
        <TwoStepLogin />
      </AccountSection>

      {providers.length > 0 ? (
        <AccountSection
          id="connected"
          title={t("connected.title")}
          intro={<p>{t("connected.intro")}</p>}
        >
          <ConnectedAccounts outcome={outcome} />
        </AccountSection>
      ) : null}

      <AccountSection
        id="sessions"
        title={t("sessions.title")}
        intro={<p>{t("sessions.intro")}</p>}
      >
        <SessionsTable />
      </AccountSection>

      <AccountSection
        id="activity"
        title={t("activity.title")}
        intro={<p>{t("activity.intro")}</p>}
      >
        <Stack>
          <RecentActivity />
          <NotMe />
        </Stack>
      </AccountSection>

      <AccountSection
        id="language"
        title={t("language.title")}
        intro={<p>{t("language.intro")}</p>}
      >
        <AccountLanguage />
      </AccountSection>

      <AccountSection
        id="delete"
        title={t("delete.title")}
        tone="danger"
        intro={<p>{t("delete.intro")}</p>}
      >
        <DeleteAccount />
      </AccountSection>
    </Card>
  );
}
