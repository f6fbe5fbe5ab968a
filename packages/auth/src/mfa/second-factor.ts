import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { enforceAll, refund } from "../limits";
import type { Repositories, TotpFactor, User } from "../ports/database";
import type { SecondFactorChange } from "../ports/notices";
import { recoveryCodeHash } from "./recovery-codes";
import { openSecret } from "./secret-box";
import { matchingStep } from "./totp";

/** What proves the second factor: a code from the authenticator app, or a recovery code. */
export type SecondFactorProof = { code: string } | { recoveryCode: string };

/** The `code` of disabling and regenerating: six digits are the app's, anything else a recovery code. */
export function proofOf(code: string): SecondFactorProof {
  const digits = code.replace(/\s/g, "");
  return /^\d{6}$/.test(digits) ? { code: digits } : { recoveryCode: code };
}

type LimitDeps = Pick<AuthDeps, "limiter" | "log" | "policy">;

/** Counts a code attempt against the account before it is checked (failures per account, tiered). */
export function countCodeAttempt(deps: LimitDeps, userId: string): Promise<void> {
  return enforceAll(deps, deps.policy.limits.secondFactorFailuresPerAccount, userId);
}

/** A right code was no failure: its tokens go back. */
export function forgiveCodeAttempt(deps: LimitDeps, userId: string): Promise<void> {
  return refund(deps, deps.policy.limits.secondFactorFailuresPerAccount, userId);
}

/** The user's confirmed factor; without one, no code can be right. */
export async function confirmedFactor(
  deps: Pick<AuthDeps, "db">,
  userId: string,
): Promise<TotpFactor> {
  const factor = await deps.db.secondFactors.findTotp(userId);
  if (!factor?.confirmedAt) throw new AuthError("SECOND_FACTOR_INVALID");
  return factor;
}

/**
 * Spends the proof in `repos` (a transaction's, so what follows commits
 * with it or not at all): a TOTP code records its step by compare-and-set,
 * so it is accepted once; a recovery code is deleted, and only the caller
 * that deleted it proceeds. Anything else is SECOND_FACTOR_INVALID.
 */
export async function spendProof(
  deps: Pick<AuthDeps, "secret" | "clock">,
  repos: Repositories,
  factor: TotpFactor,
  proof: SecondFactorProof,
): Promise<"totp" | "recovery_code"> {
  const { userId } = factor;
  if ("code" in proof) {
    const secret = openSecret(deps.secret, userId, factor.encryptedSecret);
    const step = matchingStep(secret, proof.code, deps.clock.now());
    if (step === null || !(await repos.secondFactors.useTotpStep(userId, step))) {
      throw new AuthError("SECOND_FACTOR_INVALID");
    }
    return "totp";
  }
  const hash = recoveryCodeHash(deps.secret, proof.recoveryCode);
  if (!(await repos.secondFactors.useRecoveryCode(userId, hash))) {
    throw new AuthError("SECOND_FACTOR_INVALID");
  }
  return "recovery_code";
}

/** The security notice of a change to the second factor, in the change's transaction. */
export function queueSecondFactorNotice(
  repos: Repositories,
  user: Pick<User, "email" | "locale">,
  change: SecondFactorChange,
  now: Date,
): Promise<string> {
  return repos.outbox.enqueue(
    { kind: "second_factor_changed", to: user.email, change, locale: user.locale },
    now,
  );
}
