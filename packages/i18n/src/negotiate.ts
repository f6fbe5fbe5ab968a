import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { defaultLocale, isLocale, LOCALE_COOKIE, type Locale, locales } from "./locales";

/** The best of Latch's languages for an Accept-Language header, English when none fits. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return defaultLocale;
  const requested = new Negotiator({ headers: { "accept-language": header } })
    .languages()
    .filter((tag) => tag !== "*");
  try {
    const best = match(requested, locales, defaultLocale);
    return isLocale(best) ? best : defaultLocale;
  } catch {
    // A malformed tag (RangeError from Intl): the header says nothing usable.
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
