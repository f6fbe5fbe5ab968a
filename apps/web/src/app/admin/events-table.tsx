import type { AppRouter } from "@latch/api";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { EventLabel } from "../../components/event-labels";
import tableStyles from "../account/sessions-table.module.css";
import styles from "./admin.module.css";
import { formatUtc } from "./format";

type AuditEventView = inferRouterOutputs<AppRouter>["admin"]["audit"]["list"]["events"][number];

function UserLink({ id }: { id: string | null }) {
  const t = useTranslations("admin.eventsTable");
  if (!id) return <>—</>;
  return (
    <Link href={`/admin/users/${id}`}>
      <code>{id.slice(0, 8)}</code>
      <span className="visually-hidden"> {t("userLink", { id })}</span>
    </Link>
  );
}

/** Audit events, newest first: for the audit log and a user's recent events. */
export function EventsTable({ events, caption }: { events: AuditEventView[]; caption: string }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  if (events.length === 0) return <p className={tableStyles.muted}>{t("eventsTable.none")}</p>;
  return (
    <div className={tableStyles.wrapper}>
      <table className={tableStyles.table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("eventsTable.time")}</th>
            <th scope="col">{t("eventsTable.what")}</th>
            <th scope="col">{t("eventsTable.user")}</th>
            <th scope="col">{t("eventsTable.by")}</th>
            <th scope="col">{t("eventsTable.address")}</th>
            <th scope="col">{t("eventsTable.device")}</th>
            <th scope="col">{t("eventsTable.detail")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-event-type={event.type}>
              <td data-label={t("eventsTable.time")}>
                <time dateTime={event.at}>{formatUtc(t, format, event.at)}</time>
              </td>
              <th scope="row" className={tableStyles.device}>
                <EventLabel type={event.type} /> <code>{event.type}</code>
              </th>
              <td data-label={t("eventsTable.user")}>
                <UserLink id={event.userId} />
              </td>
              <td data-label={t("eventsTable.by")}>
                <UserLink id={event.actorId} />
              </td>
              <td data-label={t("eventsTable.address")}>
                {event.ip ? <bdi dir="ltr">{event.ip}</bdi> : "—"}
              </td>
              <td data-label={t("eventsTable.device")}>
                <span title={event.userAgent ?? undefined}>{event.device ?? "—"}</span>
              </td>
              <td data-label={t("eventsTable.detail")}>
                <ul className={styles.detail}>
                  {Object.entries(event.detail).map(([key, value]) => (
                    <li key={key}>
                      {key}: {value}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
