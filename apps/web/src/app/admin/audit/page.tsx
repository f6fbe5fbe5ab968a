import { AUDIT_EVENT_TYPES, adminAuditListInput } from "@latch/validators";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Card } from "../../../components/card";
import { EVENT_LABELS } from "../../../components/event-labels";
import { ServiceUnavailable } from "../../../components/service-unavailable";
import { oneParam, readAsAdmin } from "../../../server/admin";
import styles from "../admin.module.css";
import { AdminNav } from "../admin-nav";
import { EventsTable } from "../events-table";
import { AuditFilters } from "./audit-filters";

export const metadata: Metadata = { title: "Audit log", robots: { index: false } };

function pageHref(filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/admin/audit?${search}` : "/admin/audit";
}

/**
 * Every recorded event, newest first, filtered by type and by user. The
 * filters are a GET form, so a filtered view has an address to share.
 * A filter the API would refuse is shown at its field, and the log unfiltered.
 */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const filters = { type: oneParam(params.type), user: oneParam(params.user) };
  const after = oneParam(params.after);
  const checked = adminAuditListInput.safeParse({
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.user ? { userId: filters.user } : {}),
    ...(after ? { cursor: after } : {}),
  });
  const fieldErrors = checked.success
    ? {}
    : (z.flattenError(checked.error).fieldErrors as Record<string, string[] | undefined>);
  const result = await readAsAdmin((caller) =>
    caller.admin.audit.list(checked.success ? checked.data : {}),
  );
  if (!result) return <ServiceUnavailable />;

  return (
    <Card wide title="Audit log" intro={<p>Every security event, newest first.</p>}>
      <AdminNav current="audit" />
      <AuditFilters
        type={filters.type ?? ""}
        user={filters.user ?? ""}
        types={AUDIT_EVENT_TYPES.map((type) => ({ type, label: EVENT_LABELS[type] }))}
        errors={{ type: fieldErrors.type, user: fieldErrors.userId }}
      />
      <EventsTable events={result.events} caption="Audit events, newest first" />
      <nav aria-label="Result pages" className={styles.paging}>
        {after && checked.success ? <Link href={pageHref(filters)}>Newest events</Link> : null}
        {result.nextCursor ? (
          <Link href={pageHref({ ...filters, after: result.nextCursor })}>Older events</Link>
        ) : null}
      </nav>
    </Card>
  );
}
