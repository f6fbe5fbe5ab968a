import { describeDevice } from "../../../account/describe-device";
import tableStyles from "../../../account/sessions-table.module.css";
import { formatUtc } from "../../format";
import type { AdminUserView } from "./types";

/** The account's live sessions: where it is logged in right now. */
export function UserSessions({ sessions }: { sessions: AdminUserView["sessions"] }) {
  if (sessions.length === 0) return <p className={tableStyles.muted}>No live sessions.</p>;
  return (
    <div className={tableStyles.wrapper}>
      <table className={tableStyles.table}>
        <caption className="visually-hidden">Live sessions of this account</caption>
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Network</th>
            <th scope="col">Logged in</th>
            <th scope="col">Last used</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => {
            const device = describeDevice(session.userAgent);
            return (
              <tr key={session.id}>
                <th scope="row" className={tableStyles.device}>
                  <span title={device.full ?? undefined}>{device.label}</span>
                </th>
                <td data-label="Network">{session.ip ?? "Unknown"}</td>
                <td data-label="Logged in">{formatUtc(session.createdAt)}</td>
                <td data-label="Last used">{formatUtc(session.lastUsedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
