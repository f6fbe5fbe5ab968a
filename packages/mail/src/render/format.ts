import type { Translator } from "@latch/i18n";
import { isWebUrl } from "../branding";

/** "15 minutes", "1 minute", "2 hours", in the translator's language: the expiry must read naturally in both parts. */
export function formatMinutes(t: Translator, minutes: number): string {
  if (!(minutes >= 1)) return t("emails.duration.lessThanAMinute");
  const whole = Math.round(minutes);
  if (whole % 60 === 0) return t("emails.duration.hours", { count: whole / 60 });
  return t("emails.duration.minutes", { count: whole });
}

/**
 * React escapes an href, but a `javascript:` or `data:` URL stays live; the
 * links Latch mails are always web pages, so anything else is a bug upstream.
 */
export function webLink(url: string): string {
  if (!isWebUrl(url)) {
    throw new TypeError("email links must be absolute http(s) URLs without whitespace");
  }
  return url;
}
