import { localeOfRequest, messagesFor } from "@latch/i18n";
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";

/**
 * Each page's language: the one picked (the latch_locale cookie), else the
 * best match for Accept-Language, else English. No locale in the URL: a link
 * someone was emailed opens in the language they read, whoever sent it.
 */
export default getRequestConfig(async () => {
  const locale = localeOfRequest(await headers());
  // One zone for the server render and the browser, so both print the same times (shown with "UTC").
  return { locale, messages: messagesFor(locale), timeZone: "UTC" };
});
