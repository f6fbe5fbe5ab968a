"use client";

import type { AppRouter } from "@latch/api";
import type { inferRouterOutputs } from "@trpc/server";
import { Button } from "../../components/button";
import { describeDevice } from "./describe-device";
import { formatAgo, formatMoment } from "./session-times";
import styles from "./sessions-table.module.css";

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
  const device = describeDevice(session.userAgent);
  return (
    <tr className={session.current ? styles.current : undefined}>
      <th scope="row" className={styles.device}>
        <span title={device.full ?? undefined}>{device.label}</span>
        {session.current ? <span className={styles.badge}>This device</span> : null}
      </th>
      <td data-label="Network">{session.ip ?? "Unknown"}</td>
      <td data-label="Logged in">
        <time dateTime={session.createdAt}>{formatMoment(session.createdAt)}</time>
      </td>
      <td data-label="Last used">
        <time dateTime={session.lastUsedAt} title={formatMoment(session.lastUsedAt)}>
          {formatAgo(session.lastUsedAt)}
        </time>
      </td>
      <td className={styles.action}>
        {session.current ? null : (
          <Button
            variant="secondary"
            pending={pending}
            pendingLabel="Logging out…"
            onClick={() => onSignOut(session)}
          >
            Log out
            {/* Every row has this button: its name says which session it ends. */}
            <span className="visually-hidden"> {device.label}</span>
          </Button>
        )}
      </td>
    </tr>
  );
}
