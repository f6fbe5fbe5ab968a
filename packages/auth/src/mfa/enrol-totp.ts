import type { BeginTotpInput, ConfirmTotpInput } from "@latch/validators";
import { recheckPassword } from "../account/account-access";
import { recordSecondFactorChange } from "../audit/account-events";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import type { RequestMeta } from "../sessions/sessions";
import type { AccessClaims } from "../tokens/token-service";
import { newRecoveryCodes, recoveryCodeHash } from "./recovery-codes";
import { countCodeAttempt, forgiveCodeAttempt, queueSecondFactorNotice } from "./second-factor";
import { openSecret, sealSecret } from "./secret-box";
import { matchingStep, newTotpSecret, otpauthUri } from "./totp";

/**
 * Starts (or restarts) enrolment: a fresh 160-bit secret, stored encrypted
 * and pending until a code from it confirms it. The password is asked again
 * (a borrowed session must not add its own authenticator), and an account
 * that has a factor keeps it: turning it off first needs a code.
 */
export async function beginTotpEnrolment(
  deps: AuthDeps,
  caller: AccessClaims,
  input: BeginTotpInput,
): Promise<{ secret: string; otpauthUri: string }> {
  const user = await recheckPassword(deps, caller, input.password);
  if ((await deps.db.secondFactors.findTotp(user.id))?.confirmedAt) {
    throw new AuthError("SECOND_FACTOR_ALREADY_ENABLED");
  }
  const secret = newTotpSecret(deps.random);
  const sealed = sealSecret(deps.secret, user.id, secret.bytes, deps.random);
  if (!(await deps.db.secondFactors.savePendingTotp(user.id, sealed, deps.clock.now()))) {
    throw new AuthError("SECOND_FACTOR_ALREADY_ENABLED");
  }
  return {
    secret: secret.base32,
    otpauthUri: otpauthUri(secret, { issuer: deps.policy.totpIssuer, account: user.email }),
  };
}

/**
 * A first code from the app proves it holds the secret: the factor turns on
 * (by compare-and-set on the pending secret, that code's step recorded as
 * used), ten recovery codes replace any others, and the notice is queued,
 * all in one transaction. The codes are returned this once; only their
 * keyed hashes are kept.
 */
export async function confirmTotpEnrolment(
  deps: AuthDeps,
  caller: AccessClaims,
  input: ConfirmTotpInput,
  meta?: RequestMeta,
): Promise<{ recoveryCodes: string[] }> {
  await countCodeAttempt(deps, caller.userId);
  const [user, factor] = await Promise.all([
    deps.db.users.findById(caller.userId),
    deps.db.secondFactors.findTotp(caller.userId),
  ]);
  if (!user) throw new AuthError("SESSION_REVOKED");
  if (factor?.confirmedAt) throw new AuthError("SECOND_FACTOR_ALREADY_ENABLED");
  if (!factor) throw new AuthError("SECOND_FACTOR_INVALID");
  const now = deps.clock.now();
  const step = matchingStep(
    openSecret(deps.secret, user.id, factor.encryptedSecret),
    input.code,
    now,
  );
  if (step === null) throw new AuthError("SECOND_FACTOR_INVALID");

  const recoveryCodes = newRecoveryCodes(deps.random);
  await deps.db.transaction(async (tx) => {
    const confirmed = await tx.secondFactors.confirmTotp(user.id, {
      encryptedSecret: factor.encryptedSecret,
      step,
      at: now,
    });
    // Restarted (another secret) or confirmed by a concurrent call meanwhile.
    if (!confirmed) throw new AuthError("SECOND_FACTOR_INVALID");
    await tx.secondFactors.replaceRecoveryCodes(
      user.id,
      recoveryCodes.map((code) => recoveryCodeHash(deps.secret, code)),
      now,
    );
    await queueSecondFactorNotice(tx, user, { what: "enabled" }, now);
    await recordSecondFactorChange(tx, { userId: user.id, meta, at: now }, "totp_enabled");
  });
  deps.wakeOutbox();
  await forgiveCodeAttempt(deps, user.id);
  return { recoveryCodes };
}
