import type { LoginInput } from "@latch/validators";
import { isBanned } from "../admin/ban";
import { recordLoginFailure } from "../audit/login-failure";
import { recordedTransaction } from "../audit/recorded-transaction";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { newKeyStamp } from "../keys/one-time-keys";
import { addressIdentifier, clientIdentifier, enforce, enforceAll, refund } from "../limits";
import {
  issueLoginTicket,
  type SecondFactorMethod,
  type SecondFactorRequired,
} from "../mfa/login-ticket";
import type { Repositories, User } from "../ports/database";
import { type LoginMethod, type RequestMeta, type SignedIn, startSession } from "./sessions";

/** Tokens, or (for an account with a second factor) a ticket for the second step. */
export type LoginResult = SignedIn | SecondFactorRequired;

/**
 * Wrong address and wrong password fail alike and take alike long (an unknown
 * address is verified against a dummy hash). Every attempt takes its tokens
 * before the password is checked, so parallel guesses cannot slip past a
 * count read too early; a successful login gives them back, so the buckets
 * count failures. The (address, client) bucket stops one guesser; the
 * address buckets, reached only through it, slow all guessers together in
 * growing steps, and an attacker's ten failures never lock the owner out.
 * An account with a second factor gets no tokens here, only a ticket for
 * completeLogin (or, when it has passkeys, a passkey with the ticket): the
 * password alone never signs it in. Passkeys alone do not turn two-step
 * sign-in on: they are a way in of their own, not a step after the password.
 */
export async function login(
  deps: AuthDeps,
  input: LoginInput,
  meta: RequestMeta,
): Promise<LoginResult> {
  const address = addressIdentifier(input.email);
  const pair = `${address}:${clientIdentifier(meta.ip)}`;
  const pairRule = deps.policy.limits.loginFailuresPerAddressAndClient;
  const addressRules = deps.policy.limits.loginFailuresPerAddress;
  await enforce(deps, pairRule, pair);
  try {
    await enforceAll(deps, addressRules, address);
  } catch (error) {
    // Refused at the address: this attempt was never evaluated, so it is not a failure.
    await refund(deps, [pairRule], pair);
    throw error;
  }

  const user = await deps.db.users.findByEmail(input.email);
  // An account without a password (provider-only) fails like a wrong password, taking as long.
  const passwordHash = user?.passwordHash ?? null;
  const valid = passwordHash
    ? await deps.passwords.verify(passwordHash, input.password)
    : await deps.passwords.verifyDummy(input.password).then(() => false);
  if (!user || !passwordHash || !valid) {
    // The account's id when there is one; never the address typed for an unknown one.
    const userId = user?.id ?? null;
    await recordLoginFailure(
      deps,
      { userId, reason: "invalid_credentials", method: "password" },
      meta,
    );
    throw new AuthError("INVALID_CREDENTIALS");
  }
  await Promise.all([refund(deps, addressRules, address), refund(deps, [pairRule], pair)]);

  // Only after the password proved who is asking may we say the account is inactive.
  if (!user.activatedAt) {
    await recordLoginFailure(
      deps,
      { userId: user.id, reason: "not_activated", method: "password" },
      meta,
    );
    throw new AuthError("ACCOUNT_NOT_ACTIVATED");
  }
  // The one moment the plain password is at hand: upgrade a hash made with older parameters.
  if (deps.passwords.needsRehash(passwordHash)) {
    await deps.db.users.setPassword(user.id, {
      passwordHash: await deps.passwords.hash(input.password),
      keyStamp: user.keyStamp ?? newKeyStamp(deps.random),
    });
  }

  return finishSignIn(deps, user, meta, "password");
}

/**
 * After a first step proved who is asking (a password, a provider): a session,
 * or for an account with a second factor only a ticket for the second step.
 * `tx` is given when the sign-in must commit with a change of its own; without
 * it the session starts in a transaction of its own (with its audit event).
 */
export async function finishSignIn(
  deps: AuthDeps,
  user: User,
  meta: RequestMeta,
  method: LoginMethod,
  tx?: Repositories,
): Promise<LoginResult> {
  // Said only to whoever proved the first step: to anyone else a banned account fails as any other.
  if (isBanned(user, deps.clock.now())) throw new AuthError("ACCOUNT_BANNED");
  const db = tx ?? deps.db;
  if ((await db.secondFactors.findTotp(user.id))?.confirmedAt) {
    const hasPasskeys = (await db.passkeys.listOfUser(user.id)).length > 0;
    const methods: SecondFactorMethod[] = ["totp", "recovery_code"];
    return issueLoginTicket(deps, user, meta, hasPasskeys ? [...methods, "passkey"] : methods);
  }
  const now = deps.clock.now();
  return tx
    ? startSession(deps, tx, user, meta, now, method)
    : recordedTransaction(deps, (tx) => startSession(deps, tx, user, meta, now, method));
}
