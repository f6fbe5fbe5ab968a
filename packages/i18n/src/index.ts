export { catalogues, directionOf, type Messages, messagesFor } from "./catalogues";
export { isLocale, type Locale, locales } from "./locales";
export { localeFromCookieHeader, localeOfRequest } from "./negotiate";
export { type Translator, translatorFor } from "./translator";
