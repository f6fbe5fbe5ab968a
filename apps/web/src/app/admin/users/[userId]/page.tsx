import type { Metadata } from "next";
import Link from "next/link";
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
  return { title: found?.user.email ?? "Users", robots: { index: false } };
}

/** One account as an admin sees it: why it can or cannot log in, and what can be done about it. */
export default async function AdminUserPage({ params }: Params) {
  const { userId } = await params;
  const found = await adminUser(userId);
  if (!found) return <ServiceUnavailable />;
  const { user } = found;

  return (
    <Card wide title={user.email} intro={<p>An account, as an admin sees it.</p>}>
      <AdminNav current={null} />
      <UserStatus user={user} />
      <AccountSection id="actions" title="Actions">
        <UserActions user={{ id: user.id, email: user.email, status: user.status }} />
      </AccountSection>
      <AccountSection id="factors" title="Ways to log in">
        <UserFactors
          hasPassword={user.hasPassword}
          secondFactor={found.secondFactor}
          passkeys={found.passkeys}
          identities={found.identities}
        />
      </AccountSection>
      <AccountSection id="sessions" title="Sessions">
        <UserSessions sessions={found.sessions} />
      </AccountSection>
      <AccountSection
        id="events"
        title="Recent events"
        intro={
          <p>
            The newest first; <Link href={`/admin/audit?user=${user.id}`}>the audit log</Link> has
            them all.
          </p>
        }
      >
        <EventsTable events={found.events} caption={`Recent events of ${user.email}`} />
      </AccountSection>
    </Card>
  );
}
