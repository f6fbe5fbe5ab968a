import { Field } from "./field";
import { loadPasswordRater } from "./password-score";
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
  /** For a new password: the account's address, which the strength hint counts against it. */
  email?: string;
}

export function PasswordField({
  label = "Password",
  purpose,
  email,
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
      feedback={choosing ? <PasswordStrength password={bound.value} email={email} /> : undefined}
      // Focus starts fetching the strength estimator, so it is usually there by the first keystroke.
      onFocus={choosing ? () => void loadPasswordRater().catch(() => undefined) : undefined}
      onChange={(event) => onValueChange(event.target.value)}
    />
  );
}
