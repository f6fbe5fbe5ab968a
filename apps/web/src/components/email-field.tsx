import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Field } from "./field";
import type { BoundField } from "./use-field-errors";

interface EmailFieldProps extends BoundField {
  label?: string;
  hint?: ReactNode;
  /**
   * "username" where the address is the login name, so password managers pair
   * it with the password; "username webauthn" where its autofill also offers passkeys.
   */
  autoComplete?: "email" | "username" | "username webauthn";
}

/** An email input with the keyboard, autofill and validation settings every form wants. */
export function EmailField({
  label,
  autoComplete = "email",
  onValueChange,
  ...bound
}: EmailFieldProps) {
  const t = useTranslations("components.emailField");
  return (
    <Field
      {...bound}
      label={label ?? t("label")}
      type="email"
      autoComplete={autoComplete}
      inputMode="email"
      required
      // An address reads left to right, also inside a right-to-left page.
      dir="ltr"
      onChange={(event) => onValueChange(event.target.value)}
    />
  );
}
