import type { Metadata } from "next";
import { Card } from "../../../../components/card";
import { ServiceUnavailable } from "../../../../components/service-unavailable";
import { adminWebhookDeliveries } from "../../../../server/admin";
import tableStyles from "../../../account/sessions-table.module.css";
import { AdminNav } from "../../admin-nav";
import { formatUtc } from "../../format";

type Params = { params: Promise<{ endpointId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await adminWebhookDeliveries((await params).endpointId);
  return { title: "Webhook deliveries", robots: { index: false } };
}

/** An endpoint's recent deliveries, newest first: what was sent, how it went. */
export default async function DeliveriesPage({ params }: Params) {
  const result = await adminWebhookDeliveries((await params).endpointId);
  if (!result) return <ServiceUnavailable />;
  const { deliveries } = result;
  return (
    <Card wide title="Webhook deliveries" intro={<p>The newest first.</p>}>
      <AdminNav current="webhooks" />
      {deliveries.length === 0 ? (
        <p className={tableStyles.muted}>Nothing sent yet.</p>
      ) : (
        <div className={tableStyles.wrapper}>
          <table className={tableStyles.table}>
            <caption className="visually-hidden">Deliveries to this endpoint</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Queued</th>
                <th scope="col">Finished</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <th scope="row" className={tableStyles.device}>
                    <code>{delivery.type}</code>
                  </th>
                  <td data-label="Status">{delivery.status}</td>
                  <td data-label="Attempts">{delivery.attempts}</td>
                  <td data-label="Queued">{formatUtc(delivery.createdAt)}</td>
                  <td data-label="Finished">{formatUtc(delivery.finishedAt)}</td>
                  <td data-label="Last error">{delivery.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
