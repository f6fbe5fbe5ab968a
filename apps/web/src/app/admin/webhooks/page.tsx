import { WEBHOOK_EVENT_TYPES } from "@latch/validators";
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "../../../components/card";
import { ServiceUnavailable } from "../../../components/service-unavailable";
import { adminWebhooks } from "../../../server/admin";
import { AccountSection } from "../../account/account-section";
import tableStyles from "../../account/sessions-table.module.css";
import { AdminNav } from "../admin-nav";
import { formatUtc } from "../format";
import { CreateWebhook } from "./create-webhook";
import { WebhookActions } from "./webhook-actions";

export async function generateMetadata(): Promise<Metadata> {
  await adminWebhooks();
  return { title: "Webhooks", robots: { index: false } };
}

/** The endpoints that hear about account events, each signed per Standard Webhooks. */
export default async function WebhooksPage() {
  const result = await adminWebhooks();
  if (!result) return <ServiceUnavailable />;
  const { endpoints } = result;
  return (
    <Card wide title="Webhooks" intro={<p>Endpoints that are told when accounts change.</p>}>
      <AdminNav current="webhooks" />
      {endpoints.length === 0 ? (
        <p className={tableStyles.muted}>No endpoints yet.</p>
      ) : (
        <div className={tableStyles.wrapper}>
          <table className={tableStyles.table}>
            <caption className="visually-hidden">Webhook endpoints</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id}>
                  <th scope="row" className={tableStyles.device}>
                    <Link href={`/admin/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
                  </th>
                  <td data-label="Events">{endpoint.events.join(", ")}</td>
                  <td data-label="Added">{formatUtc(endpoint.createdAt)}</td>
                  <td className={tableStyles.action}>
                    <WebhookActions id={endpoint.id} url={endpoint.url} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AccountSection id="add" title="Add an endpoint">
        <CreateWebhook events={[...WEBHOOK_EVENT_TYPES]} />
      </AccountSection>
    </Card>
  );
}
