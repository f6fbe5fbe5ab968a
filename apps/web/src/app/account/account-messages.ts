import { useTranslations } from "next-intl";

/**
 * The API's INVALID_CREDENTIALS sentence speaks of "the email or password",
 * which fits a login form; on the account page only the password was typed.
 */
export function useWrongPassword(): string {
  return useTranslations("account")("wrongPassword");
}
