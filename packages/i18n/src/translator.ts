import { createTranslator } from "use-intl/core";
import { messagesFor } from "./catalogues";
import type { Locale } from "./locales";

/** A translator over one locale's whole catalogue, for code outside React (emails, API messages). */
export function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale) });
}

export type Translator = ReturnType<typeof translatorFor>;
