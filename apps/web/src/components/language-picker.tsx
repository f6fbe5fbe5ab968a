"use client";

import { LOCALE_COOKIE, type Locale, locales } from "@latch/i18n/locales";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useTransition } from "react";
import styles from "./language-picker.module.css";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** "Deutsch", "日本語", "العربية": each language named in itself, as people look for it. */
function nameInItself(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/**
 * Picks the pages' language: remembered in a cookie (read by src/i18n/request.ts
 * before Accept-Language), and on the account when someone is logged in
 * (`onPicked`), so their emails follow. Each language is named in itself.
 */
export function LanguagePicker({ onPicked }: { onPicked?: (locale: Locale) => Promise<void> }) {
  const t = useTranslations("language");
  const current = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();

  function pick(locale: Locale) {
    const secure = window.location.protocol === "https:" ? "; Secure" : "";
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference the server reads; no cookie store API in every browser yet.
    document.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure}`;
    startTransition(async () => {
      await onPicked?.(locale);
      router.refresh();
    });
  }

  return (
    <div className={styles.picker}>
      <label htmlFor={id} className={styles.label}>
        {t("label")}
      </label>
      <select
        id={id}
        value={current}
        disabled={pending}
        onChange={(event) => pick(event.target.value as Locale)}
      >
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {nameInItself(locale)}
          </option>
        ))}
      </select>
    </div>
  );
}
