/**
 * The languages Latch speaks, without their catalogues: safe to import in the
 * browser (the pages get their messages from next-intl's provider instead).
 * catalogues.ts fails type-checking unless each has a catalogue in messages/.
 */
export const locales = ["en", "de", "fr", "es", "ja", "ar"] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

/** The cookie that remembers a language picked on the pages (a preference, not a secret). */
export const LOCALE_COOKIE = "latch_locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
