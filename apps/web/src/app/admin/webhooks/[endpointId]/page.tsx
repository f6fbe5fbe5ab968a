import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "../../../../components/card";
import { ServiceUnavailable } from "../../../../components/service-unavailable";
import { adminWebhookDeliveries } from "../../../../server/admin";
import tableStyles from "../../../account/sessions-table.module.css";
import { AdminNav } from "../../admin-nav";
import { formatUtc } from "../../format";

type Params = { params: Promise<{ endpointId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await adminWebhookDeliveries((await params).endpointId);
  const t = await getTranslations("admin.deliveries");
  return { title: t("title"), robots: { index: false } };
}

/** An endpoint's recent deliveries, newest first: what was sent, how it went. */
export default async function DeliveriesPage({ params }: Params) {
  const result = await adminWebhookDeliveries((await params).endpointId);
  if (!result) return <ServiceUnavailable />;
  const { deliveries } = result;
  const t = await getTranslations("admin");
  const format = await getFormatter();
  return (
    <Card wide title={t("deliveries.title")} intro={<p>{t("deliveries.intro")}</p>}>
      <AdminNav current="webhooks" />
      {deliveries.length === 0 ? (
        <p className={tableStyles.muted}>{t("deliveries.none")}</p>
      ) : (
        <div className={tableStyles.wrapper}>
          <table className={tableStyles.table}>
            <caption className="visually-hidden">{t("deliveries.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("deliveries.event")}</th>
                <th scope="col">{t("deliveries.status")}</th>
                <th scope="col">{t("deliveries.attempts")}</th>
                <th scope="col">{t("deliveries.queued")}</th>
                <th scope="col">{t("deliveries.finished")}</th>
                <th scope="col">{t("deliveries.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <th scope="row" className={tableStyles.device}>
                    <code>{delivery.type}</code>
                  </th>
                  <td data-label={t("deliveries.status")}>
                    {t(`deliveries.statuses.${delivery.status}`)}
                  </td>
                  <td data-label={t("deliveries.attempts")}>{format.number(delivery.attempts)}</td>
                  <td data-label={t("deliveries.queued")}>
                    {formatUtc(t, format, delivery.createdAt)}
                  </td>
                  <td data-label={t("deliveries.finished")}>
                    {formatUtc(t, format, delivery.finishedAt)}
                  </td>
                  <td data-label={t("deliveries.lastError")}>{delivery.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
