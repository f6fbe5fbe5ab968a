import type {
  PasskeyRegistrationOptionsInput,
  VerifyPasskeyRegistrationInput,
} from "@latch/validators";
import {
  type AuthenticatorTransport,
  generateRegistrationOptions,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { recheckPassword } from "../account/account-access";
import { recordSecondFactorChange } from "../audit/account-events";
import type { AuthDeps } from "../deps";
import { base64url } from "../encoding";
import { AuthError } from "../errors";
import { queueSecondFactorNotice } from "../mfa/second-factor";
import type { RequestMeta } from "../sessions/sessions";
import type { AccessClaims } from "../tokens/token-service";
import { creationOptions, type PasskeyCreationOptions } from "./ceremony-options";
import { CEREMONY_TIMEOUT_MS, issueChallenge, withChallenge } from "./challenges";
import { type PasskeyView, passkeyView } from "./passkey-view";
import { relyingParty } from "./relying-party";

/** ES256, EdDSA, RS256: what authenticators in use sign with. */
const ALGORITHMS = [-7, -8, -257];

/**
 * The options for navigator.credentials.create(), after the password is
 * asked again (a borrowed session must not add its own way in; the same
 * per-account limit as every re-check). The passkey must be discoverable
 * (it signs in without an address) and verify its user (PIN, biometrics),
 * so it is two factors in one. Passkeys the account has are excluded.
 */
export async function generatePasskeyRegistrationOptions(
  deps: AuthDeps,
  caller: AccessClaims,
  input: PasskeyRegistrationOptionsInput,
): Promise<PasskeyCreationOptions> {
  const user = await recheckPassword(deps, caller, input.password);
  const existing = await deps.db.passkeys.listOfUser(user.id);
  const challenge = await issueChallenge(deps, { kind: "registration", userId: user.id });
  const rp = relyingParty(deps.policy);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    // The user handle an authenticator returns when it signs in: the account's id.
    userID: new TextEncoder().encode(user.id),
    challenge,
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.id,
      transports: passkey.transports as AuthenticatorTransport[],
    })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    supportedAlgorithmIDs: ALGORITHMS,
    timeout: CEREMONY_TIMEOUT_MS,
  });
  return creationOptions(options, { id: rp.id, name: rp.name });
}

/**
 * Verifies the new credential against the challenge issued to this user
 * (taken once), APP_URL's origin and RP ID, with user verification
 * required, then stores its public key and queues the security notice in
 * one transaction. An outage on the way gives the challenge back, so the
 * same response can be sent again.
 */
export async function verifyPasskeyRegistration(
  deps: AuthDeps,
  caller: AccessClaims,
  input: VerifyPasskeyRegistrationInput,
  meta?: RequestMeta,
): Promise<{ passkey: PasskeyView }> {
  const { response } = input;
  const ceremony = { kind: "registration", userId: caller.userId } as const;
  const passkey = await withChallenge(
    deps,
    response.response.clientDataJSON,
    ceremony,
    async (challenge) => {
      const rp = relyingParty(deps.policy);
      const verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: true,
        supportedAlgorithmIDs: ALGORITHMS,
      }).catch((cause: unknown) => {
        throw new AuthError("PASSKEY_INVALID", { cause });
      });
      if (!verification.verified) throw new AuthError("PASSKEY_INVALID");
      const { credential } = verification.registrationInfo;

      const user = await deps.db.users.findById(caller.userId);
      if (!user) throw new AuthError("SESSION_REVOKED");
      const now = deps.clock.now();
      const passkey = {
        id: credential.id,
        userId: user.id,
        publicKey: base64url(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? response.response.transports ?? [],
        name: input.name,
        createdAt: now,
        lastUsedAt: null,
      };
      await deps.db.transaction(async (tx) => {
        if (!(await tx.passkeys.create(passkey))) {
          throw new AuthError("PASSKEY_ALREADY_REGISTERED");
        }
        await queueSecondFactorNotice(tx, user, { what: "passkey_added", name: passkey.name }, now);
        await recordSecondFactorChange(tx, { userId: user.id, meta, at: now }, "passkey_added", {
          passkeyId: passkey.id,
        });
      });
      return passkey;
    },
  );
  deps.wakeOutbox();
  return { passkey: passkeyView(passkey) };
}
