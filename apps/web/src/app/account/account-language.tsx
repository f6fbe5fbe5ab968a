"use client";

import type { Locale } from "@latch/i18n";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { LanguagePicker } from "../../components/language-picker";
import { FormError } from "../../components/notice";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";

/**
 * The account's language: the picker sets the pages' cookie, and this keeps
 * the choice on the account too, so the emails Latch sends follow it.
 */
export function AccountLanguage() {
  const trpc = useTRPC();
  const setLocale = useMutation(trpc.auth.account.setLocale.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);

  async function onPicked(locale: Locale) {
    setProblem(null);
    try {
      await setLocale.mutateAsync({ locale });
    } catch (error) {
      // The pages still change (the cookie is set); only the emails' language was not saved.
      setProblem(readApiError(error).message);
    }
  }

  return (
    <>
      <LanguagePicker onPicked={onPicked} />
      <FormError message={problem} />
    </>
  );
}
