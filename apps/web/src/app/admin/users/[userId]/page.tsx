import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "../../../../components/card";
import { ServiceUnavailable } from "../../../../components/service-unavailable";
import { adminUser } from "../../../../server/admin";
import { AccountSection } from "../../../account/account-section";
import { AdminNav } from "../../admin-nav";
import { EventsTable } from "../../events-table";
import { UserActions } from "./user-actions";
import { UserFactors } from "./user-factors";
import { UserSessions } from "./user-sessions";
import { UserStatus } from "./user-status";

type Params = { params: Promise<{ userId: string }> };

/** The title names the account, behind the same guard (and the same call) as the page. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const found = await adminUser((await params).userId);
  const t = await getTranslations("admin.users");
  return { title: found?.user.email ?? t("title"), robots: { index: false } };
}

/** One account as an admin sees it: why it can or cannot log in, and what can be done about it. */
export default async function AdminUserPage({ params }: Params) {
  const { userId } = await params;
  const found = await adminUser(userId);
  if (!found) return <ServiceUnavailable />;
  const { user } = found;
  const t = await getTranslations("admin.user");

  return (
    <Card wide title={user.email} intro={<p>{t("intro")}</p>}>
      <AdminNav current={null} />
      <UserStatus user={user} />
      <AccountSection id="actions" title={t("actions")}>
        <UserActions user={{ id: user.id, email: user.email, status: user.status }} />
      </AccountSection>
      <AccountSection id="factors" title={t("factors")}>
        <UserFactors
          hasPassword={user.hasPassword}
          secondFactor={found.secondFactor}
          passkeys={found.passkeys}
          identities={found.identities}
        />
      </AccountSection>
      <AccountSection id="sessions" title={t("sessions")}>
        <UserSessions sessions={found.sessions} />
      </AccountSection>
      <AccountSection
        id="events"
        title={t("events")}
        intro={
          <p>
            {t.rich("eventsIntro", {
              link: (chunks) => <Link href={`/admin/audit?user=${user.id}`}>{chunks}</Link>,
            })}
          </p>
        }
      >
        <EventsTable events={found.events} caption={t("eventsCaption", { email: user.email })} />
      </AccountSection>
    </Card>
  );
}
