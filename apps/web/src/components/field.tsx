import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from "react";
import styles from "./field.module.css";

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  name: string;
  /** Always-visible help above the input, e.g. the password rule. */
  hint?: ReactNode;
  /** Feedback under the input that follows what is typed, e.g. a strength meter. */
  feedback?: ReactNode;
  /** Messages for this field from the shared schema or the server; the first is shown. */
  errors?: readonly string[] | undefined;
  ref?: Ref<HTMLInputElement>;
  /** A control inside the input's right end (show password), given the input's id. */
  action?: (inputId: string) => ReactNode;
}

/**
 * A labelled input whose hint and error are tied to it with aria-describedby,
 * so a screen reader reads them when the field gets focus. The error line is
 * always rendered (and is a polite live region) so its space is reserved and
 * the form does not jump when a message appears.
 */
export function Field({
  label,
  name,
  hint,
  feedback,
  errors,
  ref,
  action,
  className,
  ...input
}: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const feedbackId = `${id}-feedback`;
  const errorId = `${id}-error`;
  const error = errors?.[0];
  const describedBy = [hint ? hintId : null, feedback ? feedbackId : null, errorId]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={[styles.field, className ?? ""].filter(Boolean).join(" ")}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {hint ? (
        <div id={hintId} className={styles.hint}>
          {hint}
        </div>
      ) : null}
      <div className={styles.control}>
        <input
          {...input}
          ref={ref}
          id={id}
          name={name}
          className={`${styles.input} ${action ? styles.withAction : ""}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {action?.(id)}
      </div>
      {feedback ? (
        <div id={feedbackId} className={styles.hint}>
          {feedback}
        </div>
      ) : null}
      <p id={errorId} className={styles.error} aria-live="polite">
        {error ?? ""}
      </p>
    </div>
  );
}
