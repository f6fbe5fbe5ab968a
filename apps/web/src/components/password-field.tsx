import { Field } from "./field";
import { PasswordRule, PasswordStrength } from "./password-strength";
import type { BoundField } from "./use-field-errors";

interface PasswordFieldProps extends BoundField {
  label?: string;
  /**
   * "new": a password being chosen, with the rule above and a strength meter
   * below, and autofill offering to generate one. "current": one the person
   * already has, so autofill offers the saved one.
   */
  purpose: "current" | "new";
}

export function PasswordField({
  label = "Password",
  purpose,
  onValueChange,
  ...bound
}: PasswordFieldProps) {
  const choosing = purpose === "new";
  return (
    <Field
      {...bound}
      label={label}
      type="password"
      autoComplete={choosing ? "new-password" : "current-password"}
      required
      hint={choosing ? <PasswordRule /> : undefined}
      feedback={choosing ? <PasswordStrength password={bound.value} /> : undefined}
      onChange={(event) => onValueChange(event.target.value)}
    />
  );
}
