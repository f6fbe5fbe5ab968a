import type { useFormatter, useTranslations } from "next-intl";

/** useFormatter() in a component, or await getFormatter() in an async server component. */
type Formatter = Pick<ReturnType<typeof useFormatter>, "dateTime">;
/** useTranslations("admin") or await getTranslations("admin"). */
export type AdminTranslator = ReturnType<typeof useTranslations<"admin">>;

/*
 * Admin pages render on the server, where the reader's time zone is unknown:
 * one fixed zone, UTC, in the page's language, so the server's and the
 * browser's render agree.
 */
const UTC_FORMAT = { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" } as const;

/** E.g. "Dec 6, 2026, 11:14 PM UTC" in English, "6 déc. 2026, 23:14 UTC" in French; an em dash for "never". */
export function formatUtc(t: AdminTranslator, format: Formatter, iso: string | null): string {
  return iso ? t("utc", { time: format.dateTime(new Date(iso), UTC_FORMAT) }) : "—";
}

/** The label of an account's status. */
export function statusLabel(t: AdminTranslator, status: "inactive" | "active" | "banned"): string {
  return t(`status.${status}`);
}
