import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { defaultLocale, isLocale, LOCALE_COOKIE, type Locale, locales } from "./locales";

/**
 * Read no further into Accept-Language than this: browsers send a handful of
 * tags, and matching thousands (a 16 KB header) costs each request ~100 ms.
 */
const MAX_HEADER_LENGTH = 256;
const MAX_TAGS = 12;

/** The header's tags, best first, without the wildcard or any tag Intl refuses. */
function requestedTags(header: string): string[] {
  const tags = new Negotiator({
    headers: { "accept-language": header.slice(0, MAX_HEADER_LENGTH) },
  })
    .languages()
    .slice(0, MAX_TAGS);
  return tags.filter((tag) => {
    if (tag === "*") return false;
    try {
      Intl.getCanonicalLocales(tag);
      return true;
    } catch {
      // One malformed tag ("en_US") must not cost the header's good ones.
      return false;
    }
  });
}

/** The best of Latch's languages for an Accept-Language header, English when none fits. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return defaultLocale;
  const requested = requestedTags(header);
  if (requested.length === 0) return defaultLocale;
  try {
    const best = match(requested, locales, defaultLocale);
    return isLocale(best) ? best : defaultLocale;
  } catch {
    // Never a failed request over a language: whatever the matcher refuses means English.
    return defaultLocale;
  }
}

/** The language a picked cookie names, if it is one of Latch's. */
export function localeFromCookieHeader(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return undefined;
}

/** A request's language: the picked one (cookie) first, then Accept-Language, then English. */
export function localeOfRequest(headers: Headers): Locale {
  return (
    localeFromCookieHeader(headers.get("cookie")) ??
    localeFromAcceptLanguage(headers.get("accept-language"))
  );
}
