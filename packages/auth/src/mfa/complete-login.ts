import type { CompleteLoginInput } from "@latch/validators";
import { recordSecondFactorChange } from "../audit/account-events";
import { recordEvent } from "../audit/record-event";
import { recordedTransaction } from "../audit/recorded-transaction";
import type { AuthDeps } from "../deps";
import { AuthError, isAuthError } from "../errors";
import { enforce } from "../limits";
import { type RequestMeta, type SignedIn, startSession } from "../sessions/sessions";
import {
  givingTicketBackOnOutage,
  readLoginTicket,
  takeLoginTicket,
  ticketFitsUser,
  ticketIdentifier,
} from "./login-ticket";
import {
  confirmedFactor,
  countCodeAttempt,
  forgiveCodeAttempt,
  queueSecondFactorNotice,
  type SecondFactorProof,
  spendProof,
} from "./second-factor";

/**
 * The second step of a login. Every attempt is counted before anything is
 * checked: against the ticket (at most 5) and against the account across
 * tickets (tiered, like failed logins). Then, in one transaction, the proof
 * is spent (a TOTP step recorded, a recovery code deleted), the ticket is
 * taken from the key store (GETDEL: of two parallel completions one wins,
 * and the loser's proof is rolled back with its transaction), and the
 * session starts; a recovery code's notice commits with it.
 */
export async function completeLogin(
  deps: AuthDeps,
  input: CompleteLoginInput,
  meta: RequestMeta,
): Promise<SignedIn> {
  await enforce(
    deps,
    deps.policy.limits.secondFactorAttemptsPerTicket,
    ticketIdentifier(input.ticket),
  );
  const ticket = await readLoginTicket(deps, input.ticket, meta);
  await countCodeAttempt(deps, ticket.userId);
  const user = await deps.db.users.findById(ticket.userId);
  // The account went away, or its password changed since the ticket was issued.
  if (!user?.activatedAt || !ticketFitsUser(deps, ticket, user)) {
    throw new AuthError("LOGIN_TICKET_INVALID");
  }
  const factor = await confirmedFactor(deps, user.id);
  const proof: SecondFactorProof =
    input.code !== undefined ? { code: input.code } : { recoveryCode: input.recoveryCode ?? "" };
  const now = deps.clock.now();

  // A failed transaction rolls the proof back (the code or recovery code stays usable)
  // and, when the failure was ours, the ticket goes back too: nothing is half-spent.
  const { signedIn, usedRecoveryCode } = await givingTicketBackOnOutage(
    deps,
    input.ticket,
    ticket,
    () =>
      recordedTransaction(deps, async (tx) => {
        const method = await spendProof(deps, tx, factor, proof);
        if (!(await takeLoginTicket(deps.keys, input.ticket))) {
          throw new AuthError("LOGIN_TICKET_INVALID");
        }
        const occasion = { userId: user.id, meta, at: now };
        if (method === "recovery_code") {
          const codesLeft = await tx.secondFactors.countRecoveryCodes(user.id);
          await queueSecondFactorNotice(tx, user, { what: "recovery_code_used", codesLeft }, now);
          await recordSecondFactorChange(tx, occasion, "recovery_code_used", {
            codesLeft: String(codesLeft),
          });
        }
        await recordEvent(tx, { type: "second_step.passed", ...occasion, detail: { method } });
        const signedIn = await startSession(deps, tx, user, meta, now, method);
        return { signedIn, usedRecoveryCode: method === "recovery_code" };
      }),
  ).catch(async (error: unknown) => {
    // The proof was refused (its transaction rolled back): the failure is written on its own.
    if (isAuthError(error) && error.reason === "SECOND_FACTOR_INVALID") {
      await recordEvent(deps.db, {
        type: "second_step.failed",
        userId: user.id,
        meta,
        at: now,
        detail: { method: "code" in proof ? "totp" : "recovery_code" },
      });
    }
    throw error;
  });
  if (usedRecoveryCode) deps.wakeOutbox();
  await forgiveCodeAttempt(deps, user.id);
  return signedIn;
}
