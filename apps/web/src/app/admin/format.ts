/*
 * Admin pages render on the server, where the reader's locale and time zone are
 * unknown: one fixed format in UTC, so the server's and the browser's render agree.
 */
const utc = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** E.g. "6 Dec 2026, 23:14 UTC"; an em dash for "never". */
export function formatUtc(iso: string | null): string {
  return iso ? `${utc.format(new Date(iso))} UTC` : "—";
}

export const STATUS_LABELS = {
  inactive: "Not activated",
  active: "Active",
  banned: "Banned",
} as const;
