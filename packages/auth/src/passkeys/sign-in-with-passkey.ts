import type { PasskeySignInOptionsInput, VerifyPasskeySignInInput } from "@latch/validators";
import {
  type AuthenticatorTransport,
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import { recordLoginFailure } from "../audit/login-failure";
import { recordEvent } from "../audit/record-event";
import { recordedTransaction } from "../audit/recorded-transaction";
import type { AuthDeps } from "../deps";
import { AuthError, isAuthError } from "../errors";
import { enforce } from "../limits";
import {
  givingTicketBackOnOutage,
  type LoginTicket,
  readLoginTicket,
  takeLoginTicket,
  ticketFitsUser,
  ticketIdentifier,
} from "../mfa/login-ticket";
import type { Passkey } from "../ports/database";
import { type RequestMeta, type SignedIn, startSession } from "../sessions/sessions";
import { type PasskeyRequestOptions, requestOptions } from "./ceremony-options";
import { CEREMONY_TIMEOUT_MS, type Ceremony, issueChallenge, withChallenge } from "./challenges";
import { relyingParty } from "./relying-party";

const ceremonyOf = (ticket: string | undefined): Ceremony =>
  ticket === undefined
    ? { kind: "sign_in" }
    : { kind: "second_factor", ticket: ticketIdentifier(ticket) };

/**
 * The options for navigator.credentials.get(). Alone, they name no
 * credential: the authenticator offers the passkeys it holds for this site
 * (discoverable credentials, and the login field's autofill). With a login
 * ticket, they name the passkeys of the ticket's account.
 */
export async function generatePasskeySignInOptions(
  deps: AuthDeps,
  input: PasskeySignInOptionsInput,
  meta: RequestMeta,
): Promise<PasskeyRequestOptions> {
  const passkeys = input.ticket
    ? await deps.db.passkeys.listOfUser((await readLoginTicket(deps, input.ticket, meta)).userId)
    : [];
  const challenge = await issueChallenge(deps, ceremonyOf(input.ticket));
  const rpId = relyingParty(deps.policy).id;
  const options = await generateAuthenticationOptions({
    rpID: rpId,
    timeout: CEREMONY_TIMEOUT_MS,
    challenge,
    userVerification: "required",
    allowCredentials: passkeys.map((passkey) => ({
      id: passkey.id,
      transports: passkey.transports as AuthenticatorTransport[],
    })),
  });
  return requestOptions(options, rpId);
}

/**
 * Signs in with a passkey: alone (a user-verified passkey is something held
 * and something known or are, so it skips the second step), or as the
 * second step of the login whose ticket comes with it. The challenge is
 * taken once and must be this ceremony's; the signature, origin, RP ID,
 * user verification and counter are checked by @simplewebauthn/server (a
 * counter that did not grow is refused, unless it is always 0). The use is
 * recorded by compare-and-set on the counter read, and the ticket taken, in
 * the transaction that starts the session. An outage on the way gives the
 * challenge and the ticket back, so the same response can be sent again.
 */
export async function verifyPasskeySignIn(
  deps: AuthDeps,
  input: VerifyPasskeySignInInput,
  meta: RequestMeta,
): Promise<SignedIn> {
  const { ticket, response } = input;
  const record = ticket ? await readTicket(deps, ticket, meta) : null;
  return withChallenge(
    deps,
    response.response.clientDataJSON,
    ceremonyOf(ticket),
    async (challenge) => {
      const passkey = await deps.db.passkeys.findById(response.id);
      if (!passkey || !handleFits(passkey, response.response.userHandle)) {
        throw new AuthError("PASSKEY_INVALID");
      }
      const user = await deps.db.users.findById(passkey.userId);
      if (!user?.activatedAt) throw new AuthError("PASSKEY_INVALID");
      if (record && !ticketFitsUser(deps, record, user)) {
        throw new AuthError("LOGIN_TICKET_INVALID");
      }
      const newCounter = await verifiedCounter(deps, passkey, challenge, response).catch(
        async (error: unknown) => {
          // A known passkey's signature refused: written on its own, as the account's.
          if (isAuthError(error) && error.reason === "PASSKEY_INVALID") {
            await (ticket
              ? recordEvent(deps.db, {
                  type: "second_step.failed",
                  userId: user.id,
                  meta,
                  at: deps.clock.now(),
                  detail: { method: "passkey" },
                })
              : recordLoginFailure(
                  deps,
                  { userId: user.id, reason: "passkey_invalid", method: "passkey" },
                  meta,
                ));
          }
          throw error;
        },
      );

      const now = deps.clock.now();
      const start = () =>
        recordedTransaction(deps, async (tx) => {
          const use = { fromCounter: passkey.counter, toCounter: newCounter, at: now };
          // A parallel use of the same signature moved the counter first.
          if (!(await tx.passkeys.recordUse(passkey.id, use))) {
            throw new AuthError("PASSKEY_INVALID");
          }
          if (ticket && !(await takeLoginTicket(deps.keys, ticket))) {
            throw new AuthError("LOGIN_TICKET_INVALID");
          }
          if (ticket) {
            const detail = { method: "passkey" };
            await recordEvent(tx, {
              type: "second_step.passed",
              userId: user.id,
              meta,
              at: now,
              detail,
            });
          }
          return startSession(deps, tx, user, meta, now, "passkey");
        });
      return ticket && record ? givingTicketBackOnOutage(deps, ticket, record, start) : start();
    },
  );
}

/** A second step's attempts count against its ticket first, as a code's do. */
async function readTicket(deps: AuthDeps, ticket: string, meta: RequestMeta): Promise<LoginTicket> {
  await enforce(deps, deps.policy.limits.secondFactorAttemptsPerTicket, ticketIdentifier(ticket));
  return readLoginTicket(deps, ticket, meta);
}

/** The authenticator's user handle, when it sends one, is the id registration gave it. */
function handleFits(passkey: Passkey, userHandle: string | undefined): boolean {
  if (userHandle === undefined) return true;
  return Buffer.from(userHandle, "base64url").toString("utf8") === passkey.userId;
}

async function verifiedCounter(
  deps: Pick<AuthDeps, "policy">,
  passkey: Passkey,
  challenge: string,
  response: VerifyPasskeySignInInput["response"],
): Promise<number> {
  const rp = relyingParty(deps.policy);
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
    credential: {
      id: passkey.id,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
      counter: passkey.counter,
      transports: passkey.transports as AuthenticatorTransport[],
    },
  }).catch((cause: unknown) => {
    throw new AuthError("PASSKEY_INVALID", { cause });
  });
  if (!verification.verified) throw new AuthError("PASSKEY_INVALID");
  return verification.authenticationInfo.newCounter;
}
