import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from "@latch/validators";
import styles from "./password-strength.module.css";

const LABELS = ["Too short", "Weak", "Fair", "Good", "Strong"] as const;

/**
 * A rough guide, not a gate: length matters most (NIST SP 800-63B), a mix of
 * character kinds helps a little, and repeated characters do not count twice.
 * The server only enforces the length rule.
 */
export function passwordScore(password: string): 0 | 1 | 2 | 3 | 4 {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return 0;
  const distinct = new Set(password).size;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((kind) =>
    kind.test(password),
  ).length;
  let score = length >= 16 ? 3 : length >= 12 ? 2 : 1;
  if (kinds >= 3) score += 1;
  if (distinct < 5) score = 1;
  return Math.min(score, 4) as 0 | 1 | 2 | 3 | 4;
}

/** The rule the server enforces, shown above the password field. */
export function PasswordRule() {
  return (
    <>
      Use {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters. A few unrelated words make a
      strong password.
    </>
  );
}

/** A meter and a sentence under the password field that follow what is typed. */
export function PasswordStrength({ password }: { password: string }) {
  const length = passwordLength(password);
  const score = passwordScore(password);
  const label = length > PASSWORD_MAX_LENGTH ? "Too long" : LABELS[score];
  return (
    <div className={styles.strength}>
      <span className={styles.meter} data-score={password ? score : undefined} aria-hidden="true">
        <span />
        <span />
        <span />
        <span />
      </span>
      <span className={styles.label}>
        {password
          ? `Strength: ${label} · ${length} ${length === 1 ? "character" : "characters"}`
          : "Strength: nothing typed yet"}
      </span>
    </div>
  );
}
