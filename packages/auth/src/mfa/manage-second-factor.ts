import type { DisableSecondFactorInput, RegenerateRecoveryCodesInput } from "@latch/validators";
import { recheckPassword } from "../account/account-access";
import { recordSecondFactorChange } from "../audit/account-events";
import type { AuthDeps } from "../deps";
import type { RequestMeta } from "../sessions/sessions";
import type { AccessClaims } from "../tokens/token-service";
import type { SecondFactorMethod } from "./login-ticket";
import { newRecoveryCodes, recoveryCodeHash } from "./recovery-codes";
import {
  confirmedFactor,
  countCodeAttempt,
  forgiveCodeAttempt,
  proofOf,
  queueSecondFactorNotice,
  spendProof,
} from "./second-factor";

export interface SecondFactorStatus {
  enabled: boolean;
  methods: SecondFactorMethod[];
  /** When the factor was turned on (ISO), or null. */
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(
  deps: Pick<AuthDeps, "db">,
  caller: AccessClaims,
): Promise<SecondFactorStatus> {
  const [factor, recoveryCodesLeft, passkeys] = await Promise.all([
    deps.db.secondFactors.findTotp(caller.userId),
    deps.db.secondFactors.countRecoveryCodes(caller.userId),
    deps.db.passkeys.listOfUser(caller.userId),
  ]);
  const enabledAt = factor?.confirmedAt ?? null;
  // What the login's second step accepts, as the login itself offers it.
  const methods: SecondFactorMethod[] = ["totp", "recovery_code"];
  if (passkeys.length > 0) methods.push("passkey");
  return {
    enabled: enabledAt !== null,
    methods: enabledAt ? methods : [],
    enabledAt: enabledAt?.toISOString() ?? null,
    recoveryCodesLeft: enabledAt ? recoveryCodesLeft : 0,
  };
}

/**
 * Both changes below ask for the password and a current code (from the app,
 * or a recovery code for someone who lost the phone): a stolen session, or
 * a stolen password, is not enough to weaken the account.
 */
async function proveBoth(deps: AuthDeps, caller: AccessClaims, password: string) {
  const user = await recheckPassword(deps, caller, password);
  await countCodeAttempt(deps, user.id);
  return { user, factor: await confirmedFactor(deps, user.id) };
}

/** Ten new recovery codes replace every old one; shown this once, with a notice. */
export async function regenerateRecoveryCodes(
  deps: AuthDeps,
  caller: AccessClaims,
  input: RegenerateRecoveryCodesInput,
  meta?: RequestMeta,
): Promise<{ recoveryCodes: string[] }> {
  const { user, factor } = await proveBoth(deps, caller, input.password);
  const recoveryCodes = newRecoveryCodes(deps.random);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await spendProof(deps, tx, factor, proofOf(input.code));
    await tx.secondFactors.replaceRecoveryCodes(
      user.id,
      recoveryCodes.map((code) => recoveryCodeHash(deps.secret, code)),
      now,
    );
    await queueSecondFactorNotice(tx, user, { what: "recovery_codes_regenerated" }, now);
    const occasion = { userId: user.id, meta, at: now };
    await recordSecondFactorChange(tx, occasion, "recovery_codes_regenerated");
  });
  deps.wakeOutbox();
  await forgiveCodeAttempt(deps, user.id);
  return { recoveryCodes };
}

/** Turns the second factor off: the secret and every recovery code are deleted, with a notice. */
export async function disableSecondFactor(
  deps: AuthDeps,
  caller: AccessClaims,
  input: DisableSecondFactorInput,
  meta?: RequestMeta,
): Promise<{ status: "disabled" }> {
  const { user, factor } = await proveBoth(deps, caller, input.password);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await spendProof(deps, tx, factor, proofOf(input.code));
    await tx.secondFactors.removeTotp(user.id);
    await queueSecondFactorNotice(tx, user, { what: "disabled" }, now);
    await recordSecondFactorChange(tx, { userId: user.id, meta, at: now }, "totp_disabled");
  });
  deps.wakeOutbox();
  await forgiveCodeAttempt(deps, user.id);
  return { status: "disabled" };
}
