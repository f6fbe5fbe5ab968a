import type { AppRouter } from "@latch/api";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { eventLabel } from "../../components/event-labels";
import tableStyles from "../account/sessions-table.module.css";
import styles from "./admin.module.css";
import { formatUtc } from "./format";

type AuditEventView = inferRouterOutputs<AppRouter>["admin"]["audit"]["list"]["events"][number];

function UserLink({ id }: { id: string | null }) {
  if (!id) return <>—</>;
  return (
    <Link href={`/admin/users/${id}`}>
      <code>{id.slice(0, 8)}</code>
      <span className="visually-hidden"> (user {id})</span>
    </Link>
  );
}

/** Audit events, newest first: for the audit log and a user's recent events. */
export function EventsTable({ events, caption }: { events: AuditEventView[]; caption: string }) {
  if (events.length === 0) return <p className={tableStyles.muted}>No events.</p>;
  return (
    <div className={tableStyles.wrapper}>
      <table className={tableStyles.table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">What</th>
            <th scope="col">User</th>
            <th scope="col">By</th>
            <th scope="col">Address</th>
            <th scope="col">Device</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-event-type={event.type}>
              <td data-label="Time">
                <time dateTime={event.at}>{formatUtc(event.at)}</time>
              </td>
              <th scope="row" className={tableStyles.device}>
                {eventLabel(event.type)} <code>{event.type}</code>
              </th>
              <td data-label="User">
                <UserLink id={event.userId} />
              </td>
              <td data-label="By">
                <UserLink id={event.actorId} />
              </td>
              <td data-label="Address">{event.ip ?? "—"}</td>
              <td data-label="Device">
                <span title={event.userAgent ?? undefined}>{event.device ?? "—"}</span>
              </td>
              <td data-label="Detail">
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
