import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from "@latch/validators";
import { useLocale, useTranslations } from "next-intl";
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
  const t = useTranslations("components.passwordStrength");
  return <>{t("rule", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}</>;
}

type Rater = RatePassword | "unavailable" | null;

/**
 * zxcvbn (for the page's language) once something is typed; "unavailable" if it
 * could not be fetched. Loaded again when the language changes, so its advice follows.
 */
function usePasswordRater(wanted: boolean, locale: string): Rater {
  const [loaded, setLoaded] = useState<{ locale: string; rater: Rater }>({ locale, rater: null });
  const rater = loaded.locale === locale ? loaded.rater : null;
  useEffect(() => {
    if (!wanted || rater) return;
    let live = true;
    loadPasswordRater(locale).then(
      (rate) => live && setLoaded({ locale, rater: rate }),
      () => live && setLoaded({ locale, rater: "unavailable" }),
    );
    return () => {
      live = false;
    };
  }, [wanted, rater, locale]);
  return rater;
}

/**
 * A meter and a sentence under the password field that follow what is typed.
 * `email` is handed to zxcvbn as a user input, so a password made of the
 * address rates as weak as it is.
 */
export function PasswordStrength({ password, email = "" }: { password: string; email?: string }) {
  const t = useTranslations("components.passwordStrength");
  const rater = usePasswordRater(password !== "", useLocale());
  // Rating can take tens of milliseconds; typing must never wait for it.
  const deferred = useDeferredValue(password);
  const inputs = useMemo(() => userInputsOf(email), [email]);
  const strength = useMemo(
    () => describeStrength(deferred, typeof rater === "function" ? rater : null, inputs),
    [deferred, rater, inputs],
  );
  const length = passwordLength(password);
  const characters = t("characters", { count: length });
  const label =
    rater === "unavailable" && strength.score === null ? null : t(`levels.${strength.level}`);
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
        {!password ? t("nothingTyped") : label ? t("rated", { label, characters }) : characters}
      </span>
      {password && strength.advice ? <span>{strength.advice}</span> : null}
    </div>
  );
}
