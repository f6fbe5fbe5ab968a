"use client";

import { isLocale, LOCALE_COOKIE } from "@latch/i18n/locales";
import { useRouter } from "next/navigation";
import { useLocale } from "next-intl";
import { useCallback } from "react";

/** The language cookie as it is now: a login may just have set it to the account's. */
function pickedLocale(): string | null {
  const pair = document.cookie.split("; ").find((part) => part.startsWith(`${LOCALE_COOKIE}=`));
  const value = pair?.slice(LOCALE_COOKIE.length + 1);
  return isLocale(value) ? value : null;
}

/**
 * Goes where the person was headed once signed in: the page's checked
 * `returnTo` (a path here, or an allowlisted address elsewhere), else /account.
 * A login that brought the account's language loads the page whole: a client
 * navigation keeps the root layout (its lang, dir, header and messages) as it was.
 */
export function useGoNext(returnTo: string | null): () => void {
  const router = useRouter();
  const locale = useLocale();
  return useCallback(() => {
    const target = returnTo ?? "/account";
    const languageChanged = (pickedLocale() ?? locale) !== locale;
    if (target.startsWith("/") && !languageChanged) router.push(target);
    else window.location.assign(target);
  }, [returnTo, router, locale]);
}
