import { AUDIT_EVENT_TYPES, adminAuditListInput } from "@latch/validators";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { z } from "zod";
import { Card } from "../../../components/card";
import { eventLabel } from "../../../components/event-labels";
import { ServiceUnavailable } from "../../../components/service-unavailable";
import { oneParam, readAsAdmin } from "../../../server/admin";
import styles from "../admin.module.css";
import { AdminNav } from "../admin-nav";
import { EventsTable } from "../events-table";
import { AuditFilters } from "./audit-filters";

function pageHref(filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/admin/audit?${search}` : "/admin/audit";
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A filter the API would refuse is shown at its field, and the log unfiltered.
 * Per request: the page and its title share one call (and one audit event).
 */
const readAudit = cache(
  async (type: string | undefined, user: string | undefined, after: string | undefined) => {
    const checked = adminAuditListInput.safeParse({
      ...(type ? { type } : {}),
      ...(user ? { userId: user } : {}),
      ...(after ? { cursor: after } : {}),
    });
    const fieldErrors = checked.success
      ? {}
      : (z.flattenError(checked.error).fieldErrors as Record<string, string[] | undefined>);
    const result = await readAsAdmin((caller) =>
      caller.admin.audit.list(checked.success ? checked.data : {}),
    );
    return result && { ...result, fieldErrors, filtered: checked.success };
  },
);

function filtersOf(params: Awaited<SearchParams>) {
  return {
    filters: { type: oneParam(params.type), user: oneParam(params.user) },
    after: oneParam(params.after),
  };
}

export async function generateMetadata({
  searchParams,
}: {
  searchParams: SearchParams;
}): Promise<Metadata> {
  const { filters, after } = filtersOf(await searchParams);
  await readAudit(filters.type, filters.user, after);
  const t = await getTranslations("admin.audit");
  return { title: t("title"), robots: { index: false } };
}

/**
 * Every recorded event, newest first, filtered by type and by user. The
 * filters are a GET form, so a filtered view has an address to share.
 */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const { filters, after } = filtersOf(await searchParams);
  const result = await readAudit(filters.type, filters.user, after);
  if (!result) return <ServiceUnavailable />;
  const { fieldErrors } = result;
  const t = await getTranslations("admin");
  const tEvents = await getTranslations("events");

  return (
    <Card wide title={t("audit.title")} intro={<p>{t("audit.intro")}</p>}>
      <AdminNav current="audit" />
      <AuditFilters
        type={filters.type ?? ""}
        user={filters.user ?? ""}
        types={AUDIT_EVENT_TYPES.map((type) => ({ type, label: eventLabel(tEvents, type) }))}
        errors={{ type: fieldErrors.type, user: fieldErrors.userId }}
      />
      <EventsTable events={result.events} caption={t("audit.caption")} />
      <nav aria-label={t("resultPages")} className={styles.paging}>
        {after && result.filtered ? (
          <Link href={pageHref(filters)}>{t("audit.newest")}</Link>
        ) : null}
        {result.nextCursor ? (
          <Link href={pageHref({ ...filters, after: result.nextCursor })}>{t("audit.older")}</Link>
        ) : null}
      </nav>
    </Card>
  );
}
