import { type DateTimeFormatOptions, useFormatter, useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A moment with its zone: the pages show times in UTC (src/i18n/request.ts), so they say so. */
const MOMENT: DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/** A calendar day, where the time of day does not matter (e.g. "on since"). */
const DAY_ONLY: DateTimeFormatOptions = { dateStyle: "medium" };

export interface SessionTimes {
  /** E.g. "Mar 12, 2026, 2:05 PM UTC", in the page's language. */
  moment: (iso: string) => string;
  /** E.g. "Mar 12, 2026". */
  day: (iso: string) => string;
  /** "just now", "5 minutes ago", "3 hours ago", "2 days ago"; older than a week: the moment. */
  ago: (iso: string, now?: number) => string;
}

/** Dates and times of sessions, passkeys and events, in the page's language and zone. */
export function useSessionTimes(): SessionTimes {
  const format = useFormatter();
  const t = useTranslations("account.times");
  const moment = useCallback((iso: string) => format.dateTime(new Date(iso), MOMENT), [format]);
  const day = useCallback((iso: string) => format.dateTime(new Date(iso), DAY_ONLY), [format]);
  const ago = useCallback(
    (iso: string, now: number = Date.now()) => {
      const elapsed = now - Date.parse(iso);
      if (elapsed < MINUTE) return t("justNow");
      const unit = elapsed < HOUR ? MINUTE : elapsed < DAY ? HOUR : elapsed < 7 * DAY ? DAY : null;
      if (unit === null) return moment(iso);
      // Whole units, rounded down ("1 hour ago" until two hours have passed).
      const whole = Math.floor(elapsed / unit) * unit;
      return format.relativeTime(now - whole, {
        now,
        unit: unit === MINUTE ? "minute" : unit === HOUR ? "hour" : "day",
      });
    },
    [format, moment, t],
  );
  return useMemo(() => ({ moment, day, ago }), [moment, day, ago]);
}
