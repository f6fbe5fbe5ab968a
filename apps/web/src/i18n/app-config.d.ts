import type { Locale, Messages } from "@latch/i18n";

// Typed keys: t("signup.title") fails type-checking when English has no such key.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
