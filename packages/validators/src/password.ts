import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Length in user-perceived characters' code points, so "🔒" counts once, not as two UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password.normalize("NFKC")].length;
}

const NOT_WELL_FORMED = "passwordNotWellFormed";

/**
 * A lone UTF-16 surrogate has no UTF-8 form, so the hasher would silently
 * turn it into U+FFFD and two different inputs would be one password.
 * Browsers without isWellFormed (Firefox before 119) get the same answer from
 * a regex: in Unicode mode only an unpaired surrogate matches \p{Surrogate}.
 */
export const wellFormed = (raw: string): boolean =>
  typeof raw.isWellFormed === "function" ? raw.isWellFormed() : !/\p{Surrogate}/u.test(raw);

/**
 * Passwords are NFKC-normalized (NIST SP 800-63B §5.1.1.2) so the same
 * password typed on two keyboards hashes the same; never trimmed or truncated.
 * Control characters are refused: they are never typed on purpose and break
 * copy/paste round trips.
 */
export const passwordSchema = z
  .string({ error: "passwordMissing" })
  .refine(wellFormed, { error: NOT_WELL_FORMED })
  .transform((raw) => raw.normalize("NFKC"))
  .refine((value) => passwordLength(value) >= PASSWORD_MIN_LENGTH, {
    error: "passwordTooShort",
    params: { min: PASSWORD_MIN_LENGTH },
  })
  .refine((value) => passwordLength(value) <= PASSWORD_MAX_LENGTH, {
    error: "passwordTooLong",
    params: { max: PASSWORD_MAX_LENGTH },
  })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), {
    error: "passwordControlCharacter",
  });

/** At login any stored password may be tried, so only the bounds that protect the hasher apply. */
export const loginPasswordSchema = z
  .string({ error: "currentPasswordMissing" })
  .min(1, { error: "currentPasswordMissing" })
  .max(PASSWORD_MAX_LENGTH * 4, { error: "currentPasswordTooLong" })
  .refine(wellFormed, { error: NOT_WELL_FORMED })
  .transform((raw) => raw.normalize("NFKC"));
