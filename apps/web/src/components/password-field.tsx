"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Field } from "./field";
import styles from "./field.module.css";
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
  label,
  purpose,
  email,
  onValueChange,
  ref: bindRef,
  ...bound
}: PasswordFieldProps) {
  const t = useTranslations("components.passwordField");
  const locale = useLocale();
  const choosing = purpose === "new";
  const input = useRef<HTMLInputElement | null>(null);
  const [visible, setVisible] = useState(false);
  // Password managers offer to save what a form sends from a password-type input: a shown
  // password goes back to hidden the moment its form is sent (capture: before React's handler).
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const hide = () => {
      if (input.current) input.current.type = "password";
      setVisible(false);
    };
    form.addEventListener("submit", hide, true);
    return () => form.removeEventListener("submit", hide, true);
  }, []);
  return (
    <Field
      {...bound}
      ref={(element) => {
        input.current = element;
        bindRef(element);
      }}
      label={label ?? t("label")}
      // Only the type switches: the autocomplete purpose stays, so autofill and saving still work.
      type={visible ? "text" : "password"}
      autoComplete={choosing ? "new-password" : "current-password"}
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      required
      hint={choosing ? <PasswordRule /> : undefined}
      feedback={choosing ? <PasswordStrength password={bound.value} email={email} /> : undefined}
      // Focus starts fetching the strength estimator, so it is usually there by the first keystroke.
      onFocus={choosing ? () => void loadPasswordRater(locale).catch(() => undefined) : undefined}
      onChange={(event) => onValueChange(event.target.value)}
      action={(inputId) => (
        <button
          type="button"
          className={styles.action}
          // One name, and the pressed state says whether it is on: the name never flips.
          aria-label={t("show")}
          aria-pressed={visible}
          aria-controls={inputId}
          onClick={() => setVisible((shown) => !shown)}
        >
          <EyeIcon crossed={visible} />
        </button>
      )}
    />
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
      <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" strokeWidth="2" />
      {crossed ? (
        <path d="M4 4l16 16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      ) : null}
    </svg>
  );
}
