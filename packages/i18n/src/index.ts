export { catalogues, directionOf, type Messages, messagesFor } from "./catalogues";
export { defaultLocale, isLocale, LOCALE_COOKIE, type Locale, locales } from "./locales";
export { localeFromAcceptLanguage, localeFromCookieHeader, localeOfRequest } from "./negotiate";
export { formatterFor, type Translator, translatorFor } from "./translator";
