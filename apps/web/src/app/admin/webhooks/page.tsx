import { WEBHOOK_EVENT_TYPES } from "@latch/validators";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
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
  const t = await getTranslations("admin.webhooks");
  return { title: t("title"), robots: { index: false } };
}

/** The endpoints that hear about account events, each signed per Standard Webhooks. */
export default async function WebhooksPage() {
  const result = await adminWebhooks();
  if (!result) return <ServiceUnavailable />;
  const { endpoints } = result;
  const t = await getTranslations("admin");
  const format = await getFormatter();
  return (
    <Card wide title={t("webhooks.title")} intro={<p>{t("webhooks.intro")}</p>}>
      <AdminNav current="webhooks" />
      {endpoints.length === 0 ? (
        <p className={tableStyles.muted}>{t("webhooks.none")}</p>
      ) : (
        <div className={tableStyles.wrapper}>
          <table className={tableStyles.table}>
            <caption className="visually-hidden">{t("webhooks.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("webhooks.url")}</th>
                <th scope="col">{t("webhooks.events")}</th>
                <th scope="col">{t("webhooks.added")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("webhooks.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id}>
                  <th scope="row" className={tableStyles.device}>
                    <Link href={`/admin/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
                  </th>
                  <td data-label={t("webhooks.events")}>{endpoint.events.join(", ")}</td>
                  <td data-label={t("webhooks.added")}>
                    {formatUtc(t, format, endpoint.createdAt)}
                  </td>
                  <td className={tableStyles.action}>
                    <WebhookActions id={endpoint.id} url={endpoint.url} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AccountSection id="add" title={t("webhooks.add")}>
        <CreateWebhook events={[...WEBHOOK_EVENT_TYPES]} />
      </AccountSection>
    </Card>
  );
}
