import { useFormatter, useTranslations } from "next-intl";
import tableStyles from "../../../account/sessions-table.module.css";
import { useDescribeDevice } from "../../../account/use-device-label";
import { formatUtc } from "../../format";
import type { AdminUserView } from "./types";

/** The account's live sessions: where it is logged in right now. */
export function UserSessions({ sessions }: { sessions: AdminUserView["sessions"] }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  const describeDevice = useDescribeDevice();
  if (sessions.length === 0) return <p className={tableStyles.muted}>{t("sessions.none")}</p>;
  return (
    <div className={tableStyles.wrapper}>
      <table className={tableStyles.table}>
        <caption className="visually-hidden">{t("sessions.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("sessions.device")}</th>
            <th scope="col">{t("sessions.network")}</th>
            <th scope="col">{t("sessions.loggedIn")}</th>
            <th scope="col">{t("sessions.lastUsed")}</th>
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
                <td data-label={t("sessions.network")}>
                  {session.ip ? <bdi dir="ltr">{session.ip}</bdi> : t("sessions.unknown")}
                </td>
                <td data-label={t("sessions.loggedIn")}>
                  {formatUtc(t, format, session.createdAt)}
                </td>
                <td data-label={t("sessions.lastUsed")}>
                  {formatUtc(t, format, session.lastUsedAt)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
