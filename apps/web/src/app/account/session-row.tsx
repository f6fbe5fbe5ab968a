"use client";

import type { AppRouter } from "@latch/api";
import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { Button } from "../../components/button";
import { useSessionTimes } from "./session-times";
import styles from "./sessions-table.module.css";
import { useDescribeDevice } from "./use-device-label";

export type SessionView =
  inferRouterOutputs<AppRouter>["auth"]["sessions"]["list"]["sessions"][number];

/**
 * One session. On small screens the row becomes a card and each cell shows
 * its column's name from `data-label` (see the stylesheet).
 */
export function SessionRow({
  session,
  pending,
  onSignOut,
}: {
  session: SessionView;
  pending: boolean;
  onSignOut: (session: SessionView) => void;
}) {
  const t = useTranslations("account.sessions");
  const tAccount = useTranslations("account");
  const times = useSessionTimes();
  const device = useDescribeDevice()(session.userAgent);
  return (
    <tr className={session.current ? styles.current : undefined}>
      <th scope="row" className={styles.device}>
        <span title={device.full ?? undefined}>{device.label}</span>
        {session.current ? <span className={styles.badge}>{t("thisDevice")}</span> : null}
      </th>
      <td data-label={t("network")}>
        {session.ip ? <bdi dir="ltr">{session.ip}</bdi> : tAccount("unknown")}
      </td>
      <td data-label={t("loggedIn")}>
        <time dateTime={session.createdAt}>{times.moment(session.createdAt)}</time>
      </td>
      <td data-label={t("lastUsed")}>
        <time dateTime={session.lastUsedAt} title={times.moment(session.lastUsedAt)}>
          {times.ago(session.lastUsedAt)}
        </time>
      </td>
      <td className={styles.action}>
        {session.current ? null : (
          <Button
            variant="secondary"
            pending={pending}
            pendingLabel={tAccount("loggingOut")}
            onClick={() => onSignOut(session)}
          >
            {/* Every row has this button: its name says which session it ends. */}
            {t.rich("logOut", {
              device: device.label,
              hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
            })}
          </Button>
        )}
      </td>
    </tr>
  );
}
