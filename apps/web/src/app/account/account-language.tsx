"use client";

import { useState } from "react";
import { LanguagePicker } from "../../components/language-picker";
import { FormError } from "../../components/notice";

/**
 * The account's language: the picker sets this browser's pages and, logged in
 * as here, the account's too, so the emails Latch sends follow it.
 */
export function AccountLanguage() {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <LanguagePicker onSaved={setProblem} />
      <FormError message={problem} />
    </>
  );
}
