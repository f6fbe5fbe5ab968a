"use client";

import { LOCALE_COOKIE, type Locale, locales } from "@latch/i18n/locales";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useTransition } from "react";
import { readApiError } from "../trpc/api-error";
import { useTRPC } from "../trpc/react";
import { useSession } from "../trpc/session";
import styles from "./language-picker.module.css";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** "Deutsch", "日本語", "العربية": each language named in itself, as people look for it. */
function nameInItself(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/**
 * Picks the pages' language: remembered in a cookie (read by src/i18n/request.ts
 * before Accept-Language), and on the account when someone is logged in, so
 * their emails follow and a new device's pages too. `onSaved` hears whether
 * the account took it (null) or why not: the pages change either way.
 */
export function LanguagePicker({ onSaved }: { onSaved?: (problem: string | null) => void }) {
  const t = useTranslations("language");
  const current = useLocale();
  const router = useRouter();
  const id = useId();
  const { session } = useSession();
  const trpc = useTRPC();
  const saveOnAccount = useMutation(trpc.auth.account.setLocale.mutationOptions());
  const [pending, startTransition] = useTransition();

  function pick(locale: Locale) {
    const secure = window.location.protocol === "https:" ? "; Secure" : "";
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference the server reads; no cookie store API in every browser yet.
    document.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure}`;
    startTransition(async () => {
      if (session) {
        try {
          await saveOnAccount.mutateAsync({ locale });
          onSaved?.(null);
        } catch (error) {
          onSaved?.(readApiError(error).message);
        }
      }
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
