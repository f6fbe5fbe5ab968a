import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";

/** One form for the list and the candidate, so "PassWord1" is found as "password1". */
const comparable = (password: string) => password.normalize("NFKC").toLowerCase();

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

/**
 * The 49,233 passwords of zxcvbn-ts's common list, most frequent first
 * (@zxcvbn-ts/language-common). Loaded on first use: decompressing it takes tens of
 * milliseconds that a process which never sets a password should not pay.
 */
function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"].map(comparable)),
  );
  return commonPasswords;
}

/**
 * Refuses a password being chosen (signup, activation, reset, change) that is
 * among the most common ones (ASVS 5.0 V6.2.4), then asks the breached-password
 * check if one is configured. Call it before hashing: a refused password
 * costs no argon2 and spends no key. `field` names the input that carried it.
 */
export async function screenNewPassword(
  deps: Pick<AuthDeps, "breachedPasswords">,
  password: string,
  field: string,
): Promise<void> {
  if ((await loadCommonPasswords()).has(comparable(password))) {
    throw new AuthError("PASSWORD_TOO_COMMON", { field });
  }
  if (await deps.breachedPasswords?.isBreached(password)) {
    throw new AuthError("PASSWORD_BREACHED", { field });
  }
}
