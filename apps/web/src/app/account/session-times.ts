const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The browser's own locale: these strings are only ever rendered in the browser.
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** E.g. "12 Mar 2026, 14:05", in the reader's own conventions. */
export function formatMoment(iso: string): string {
  return moment.format(new Date(iso));
}

/** "just now", "5 minutes ago", "3 hours ago", "yesterday"; older than a week: the date. */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const elapsed = now - Date.parse(iso);
  if (elapsed < MINUTE) return "just now";
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), "minute");
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), "hour");
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), "day");
  return formatMoment(iso);
}
