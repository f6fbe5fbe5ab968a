"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Button } from "../../components/button";
import { EventLabel } from "../../components/event-labels";
import { FormError, LiveRegion } from "../../components/notice";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";
import { useSessionTimes } from "./session-times";
import styles from "./sessions-table.module.css";

/**
 * The account's own audit trail, newest first, a page at a time. "Load more"
 * moves focus to the first row it added, so a keyboard or screen reader user
 * carries on reading where the list grew.
 */
export function RecentActivity() {
  const t = useTranslations("account");
  const times = useSessionTimes();
  const trpc = useTRPC();
  const activity = useInfiniteQuery(
    trpc.auth.activity.list.infiniteQueryOptions(
      {},
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const [loaded, setLoaded] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const table = useRef<HTMLTableSectionElement>(null);

  async function loadMore() {
    setProblem(null);
    const before = activity.data?.pages.flatMap((page) => page.events).length ?? 0;
    const result = await activity.fetchNextPage();
    if (result.isError) {
      setProblem(readApiError(result.error).message);
      return;
    }
    const after = result.data?.pages.flatMap((page) => page.events).length ?? before;
    flushSync(() => setLoaded(t("activity.moreShown", { count: after - before })));
    table.current?.querySelectorAll<HTMLElement>("tr > th")[before]?.focus();
  }

  if (activity.isPending) return <p className={styles.muted}>{t("activity.loading")}</p>;
  if (activity.isError) return <FormError message={readApiError(activity.error).message} />;

  const events = activity.data.pages.flatMap((page) => page.events);
  return (
    <div className={styles.wrapper}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t("activity.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("activity.what")}</th>
            <th scope="col">{t("activity.when")}</th>
            <th scope="col">{t("activity.device")}</th>
            <th scope="col">{t("activity.network")}</th>
          </tr>
        </thead>
        <tbody ref={table}>
          {events.map((event) => (
            <tr key={event.id} data-event-type={event.type}>
              <th scope="row" tabIndex={-1} className={styles.device}>
                <EventLabel type={event.type} />
                {event.byAdmin ? (
                  <span className={styles.badge}>{t("activity.byAdmin")}</span>
                ) : null}
              </th>
              <td data-label={t("activity.when")}>
                <time dateTime={event.at}>{times.moment(event.at)}</time>
              </td>
              <td data-label={t("activity.device")}>{event.device ?? t("device.unknown")}</td>
              <td data-label={t("activity.network")}>
                {event.ip ? <bdi dir="ltr">{event.ip}</bdi> : t("unknown")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {activity.hasNextPage ? (
        <div className={styles.footer}>
          <Button
            variant="secondary"
            pending={activity.isFetchingNextPage}
            pendingLabel={t("loading")}
            onClick={loadMore}
          >
            {t("activity.loadMore")}
          </Button>
        </div>
      ) : null}
      <LiveRegion>{loaded ? <p className="visually-hidden">{loaded}</p> : null}</LiveRegion>
      <FormError message={problem} />
    </div>
  );
}
