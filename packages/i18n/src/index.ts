export {
  catalogues,
  defaultLocale,
  directionOf,
  isLocale,
  type Locale,
  locales,
  type Messages,
  messagesFor,
  nameOf,
} from "./catalogues";
export {
  LOCALE_COOKIE,
  localeFromAcceptLanguage,
  localeFromCookieHeader,
  localeOfRequest,
} from "./negotiate";
export { formatterFor, type Translator, translatorFor } from "./translator";
