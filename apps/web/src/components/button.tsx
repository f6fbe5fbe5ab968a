import type { ButtonHTMLAttributes, MouseEvent, ReactNode, Ref } from "react";
import styles from "./button.module.css";

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** "danger": for presses that lead to destroying something that cannot be undone. */
  variant?: "primary" | "secondary" | "quiet" | "danger";
  /** While true the button ignores presses and shows `pendingLabel` instead of its children. */
  pending?: boolean;
  pendingLabel?: ReactNode;
  fullWidth?: boolean;
  /** For a control that gives focus back to this button when it closes. */
  ref?: Ref<HTMLButtonElement>;
}

/**
 * Both labels are laid out in the same grid cell and the inactive one is only
 * made invisible, so the button keeps the width of the wider label and nothing
 * around it moves when it switches to "Sending…". The button stays focusable
 * while pending (aria-disabled, not disabled) so keyboard focus is not lost.
 */
export function Button({
  variant = "primary",
  pending = false,
  pendingLabel,
  fullWidth = false,
  type = "button",
  className,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  const classes = [styles.button, styles[variant], fullWidth ? styles.full : "", className ?? ""]
    .filter(Boolean)
    .join(" ");
  const guardedClick = (event: MouseEvent<HTMLButtonElement>) => {
    // Also stops the implicit form submission that Enter in a field triggers.
    if (pending) event.preventDefault();
    else onClick?.(event);
  };
  return (
    <button
      {...rest}
      type={type}
      className={classes}
      aria-disabled={pending || rest.disabled || undefined}
      onClick={guardedClick}
    >
      <span className={styles.labels}>
        <span className={pending && pendingLabel ? styles.invisible : undefined}>{children}</span>
        {pendingLabel ? (
          <span className={pending ? undefined : styles.invisible}>{pendingLabel}</span>
        ) : null}
      </span>
    </button>
  );
}
