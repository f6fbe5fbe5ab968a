import ar from "../messages/ar.json";
import de from "../messages/de.json";
import en from "../messages/en.json";
import es from "../messages/es.json";
import fr from "../messages/fr.json";
import ja from "../messages/ja.json";

/**
 * Every language Latch speaks: one catalogue file each, in `messages/`, with
 * the same keys as English (catalogues.test.ts fails on a missing or extra
 * key). The same catalogue serves the pages, the emails and the API's messages.
 */
export const catalogues = { en, de, fr, es, ja, ar } as const;

export type Locale = keyof typeof catalogues;
export type Messages = typeof en;

export const locales = Object.keys(catalogues) as Locale[];
export const defaultLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && Object.hasOwn(catalogues, value);
}

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

/** Writing direction, from the catalogue's own `meta.direction`. */
export function directionOf(locale: Locale): "ltr" | "rtl" {
  return catalogues[locale].meta.direction === "rtl" ? "rtl" : "ltr";
}

/** A language's own name for itself, for the language picker. */
export function nameOf(locale: Locale): string {
  return catalogues[locale].meta.name;
}
