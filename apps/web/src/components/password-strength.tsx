import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from "@latch/validators";
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import {
  describeStrength,
  loadPasswordRater,
  type RatePassword,
  userInputsOf,
} from "./password-score";
import styles from "./password-strength.module.css";

/** The rule the server enforces, shown above the password field. */
export function PasswordRule() {
  return (
    <>
      Use {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters. A few unrelated words make a
      strong password.
    </>
  );
}

type Rater = RatePassword | "unavailable" | null;

/** zxcvbn once something is typed; "unavailable" if it could not be fetched. */
function usePasswordRater(wanted: boolean): Rater {
  const [rater, setRater] = useState<Rater>(null);
  useEffect(() => {
    if (!wanted || rater) return;
    let live = true;
    loadPasswordRater().then(
      (rate) => live && setRater(() => rate),
      () => live && setRater("unavailable"),
    );
    return () => {
      live = false;
    };
  }, [wanted, rater]);
  return rater;
}

/**
 * A meter and a sentence under the password field that follow what is typed.
 * `email` is handed to zxcvbn as a user input, so a password made of the
 * address rates as weak as it is.
 */
export function PasswordStrength({ password, email = "" }: { password: string; email?: string }) {
  const rater = usePasswordRater(password !== "");
  // Rating can take tens of milliseconds; typing must never wait for it.
  const deferred = useDeferredValue(password);
  const inputs = useMemo(() => userInputsOf(email), [email]);
  const strength = useMemo(
    () => describeStrength(deferred, typeof rater === "function" ? rater : null, inputs),
    [deferred, rater, inputs],
  );
  const length = passwordLength(password);
  const characters = `${length} ${length === 1 ? "character" : "characters"}`;
  const label = rater === "unavailable" && strength.score === null ? null : strength.label;
  return (
    <div className={styles.strength}>
      <span
        className={styles.meter}
        data-score={password ? (strength.score ?? undefined) : undefined}
        aria-hidden="true"
      >
        <span />
        <span />
        <span />
        <span />
      </span>
      <span className={styles.label}>
        {!password
          ? "Strength: nothing typed yet"
          : label
            ? `Strength: ${label} · ${characters}`
            : characters}
      </span>
      {password && strength.advice ? <span>{strength.advice}</span> : null}
    </div>
  );
}
