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
export function CodeField({
  label = "Code from your authenticator app",
  hint,
  onValueChange,
  ...bound
}: CodeFieldProps) {
  return (
    <Field
      {...bound}
      label={label}
      hint={hint}
      type="text"
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
      required
      onChange={(event) => onValueChange(event.target.value)}
    />
  );
}
