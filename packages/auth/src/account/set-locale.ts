import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import type { AccessClaims } from "../tokens/token-service";

/**
 * Sets the language the caller's account gets its emails in, from the next
 * one sent on. The api layer checked that it is a language the emails are
 * written in; to the domain it is an opaque tag. Not audited: it changes
 * nothing about who can get into the account.
 */
export async function setLocale<L extends string>(
  deps: Pick<AuthDeps, "db">,
  caller: AccessClaims,
  input: { locale: L },
): Promise<{ locale: L }> {
  const user = await deps.db.users.setLocale(caller.userId, input.locale);
  if (!user) throw new AuthError("SESSION_REVOKED");
  return { locale: input.locale };
}
