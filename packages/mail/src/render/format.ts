import { isWebUrl } from "../branding";

/** "15 minutes", "1 minute", "2 hours": the expiry must read naturally in both parts. */
export function formatMinutes(minutes: number): string {
  if (!(minutes >= 1)) return "less than a minute";
  const whole = Math.round(minutes);
  if (whole % 60 === 0) return whole === 60 ? "1 hour" : `${whole / 60} hours`;
  return whole === 1 ? "1 minute" : `${whole} minutes`;
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
