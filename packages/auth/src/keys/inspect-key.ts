import type { AuthDeps } from "../deps";
import type { AuthErrorReason } from "../errors";
import type { User } from "../ports/database";
import { explainUnusableKey, type KeyReasons } from "./key-explanations";
import { type KeyPurpose, type KeyRecord, peekUsableKey, tokenMatches } from "./one-time-keys";

/** What an emailed link would do: its details when it would work, else the reason it would fail. */
export type KeyState<Details> =
  | ({ status: "usable" } & Details)
  | { status: "unusable"; reason: AuthErrorReason };

/**
 * What a one-time key would do, for its landing page, read without spending
 * it: mail scanners and link previews open links, so a page may look but
 * never redeem. Usable means redeeming it now would get past the key checks
 * (the user's state may still change before the form is sent).
 */
export async function inspectOneTimeKey<Details>(
  deps: Pick<AuthDeps, "keys" | "db" | "secret" | "clock">,
  lookup: { purpose: KeyPurpose; key: string; reasons: KeyReasons },
  describe: (user: User, record: KeyRecord) => Details,
): Promise<KeyState<Details>> {
  const { purpose, key, reasons } = lookup;
  const now = deps.clock.now();
  const record = await peekUsableKey(deps.keys, purpose, key);
  const user = record && (await userOfUsableKey(deps, purpose, record, reasons, now));
  if (record && user) return { status: "usable", ...describe(user, record) };
  return { status: "unusable", reason: await explainUnusableKey(deps, purpose, key, now, reasons) };
}

/** The user a peeked key was issued to, if it has not expired and still matches their state. */
export async function userOfUsableKey(
  deps: Pick<AuthDeps, "db" | "secret">,
  purpose: KeyPurpose,
  record: KeyRecord,
  reasons: KeyReasons,
  now: Date,
): Promise<User | null> {
  if (record.expiresAt <= now.getTime()) return null;
  const user = await deps.db.users.findById(record.userId);
  if (!user || reasons.alreadyDone?.(user) || !tokenMatches(deps.secret, purpose, user, record)) {
    return null;
  }
  return user;
}
