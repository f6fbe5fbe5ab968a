import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Field } from "./field";
import type { BoundField } from "./use-field-errors";

interface CodeFieldProps extends BoundField {
  label?: string;
  hint?: ReactNode;
}

/**
 * The 6-digit code of an authenticator app: `one-time-code` so password
 * managers and phones offer it, a numeric keypad, and a text input (not
 * type="number", which drops leading zeros and grows spinners).
 */
export function CodeField({ label, hint, onValueChange, ...bound }: CodeFieldProps) {
  const t = useTranslations("components.codeField");
  return (
    <Field
      {...bound}
      label={label ?? t("label")}
      hint={hint}
      type="text"
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
      required
      // Digits read left to right, also inside a right-to-left page.
      dir="ltr"
      onChange={(event) => onValueChange(event.target.value)}
    />
  );
}
