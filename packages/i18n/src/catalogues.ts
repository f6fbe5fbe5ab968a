import ar from "../messages/ar.json";
import de from "../messages/de.json";
import en from "../messages/en.json";
import es from "../messages/es.json";
import fr from "../messages/fr.json";
import ja from "../messages/ja.json";
import type { Locale } from "./locales";

export type Messages = typeof en;

/**
 * One catalogue per language, serving the pages, the emails and the API's
 * messages. Typed as English's shape, so a catalogue missing a key fails
 * type-checking (catalogues.test.ts also catches extra keys).
 */
export const catalogues: Record<Locale, Messages> = { en, de, fr, es, ja, ar };

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

/** Writing direction, from the catalogue's own `meta.direction`. */
export function directionOf(locale: Locale): "ltr" | "rtl" {
  return catalogues[locale].meta.direction === "rtl" ? "rtl" : "ltr";
}
