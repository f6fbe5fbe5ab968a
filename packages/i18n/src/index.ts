export { catalogues, directionOf, type Messages, messagesFor } from "./catalogues";
export { isLocale, type Locale, locales } from "./locales";
export { localeOfRequest } from "./negotiate";
export { formatterFor, type Translator, translatorFor } from "./translator";
