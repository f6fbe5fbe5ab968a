import type { ActivateInput } from "@latch/validators";
import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { sha256 } from "../encoding";
import { AuthError } from "../errors";
import { inspectOneTimeKey, type KeyState, userOfUsableKey } from "../keys/inspect-key";
import { explainUnusableKey } from "../keys/key-explanations";
import { newKeyStamp, peekUsableKey } from "../keys/one-time-keys";
import { redeemOneTimeKey } from "../keys/redeem-key";
import { enforce } from "../limits";
import { screenNewPassword } from "../passwords/password-screen";
import type { Repositories, User } from "../ports/database";
import { type RequestMeta, type SignedIn, startSession } from "../sessions/sessions";

const unusable = (user: User) => (user.activatedAt ? "ALREADY_ACTIVE" : null);
const keyReasons = {
  invalid: "ACTIVATION_KEY_INVALID",
  expired: "ACTIVATION_KEY_EXPIRED",
  // A used link of an activated account says so, so the person knows to log in.
  alreadyDone: unusable,
} as const;

/**
 * Anyone can sign up any address, so a password chosen before the mailbox was
 * proven is only a candidate: activation takes the link plus either that
 * password (checked before the key is spent; a wrong one leaves the link
 * usable, a few times) or a new password, which replaces the candidate.
 * Then the key is redeemed once and its transaction flips the user
 * active by compare-and-set on the stamp the key was issued under, so of two
 * concurrent activations, or an activation racing a new signup, one wins.
 */
export async function activate(
  deps: AuthDeps,
  input: ActivateInput,
  meta: RequestMeta,
): Promise<SignedIn> {
  const now = deps.clock.now();
  const peeked = await peekUsableKey(deps.keys, "activation", input.key);
  const user = peeked && (await userOfUsableKey(deps, "activation", peeked, keyReasons, now));
  if (!peeked || !user) throw new AuthError(await explain(deps, input.key, now));

  if (input.newPassword) await screenNewPassword(deps, input.newPassword, "newPassword");
  const newPassword = input.newPassword
    ? {
        passwordHash: await deps.passwords.hash(input.newPassword),
        keyStamp: newKeyStamp(deps.random),
      }
    : undefined;
  if (!newPassword) await confirmPendingPassword(deps, input.key, user, input.password ?? "");

  return redeemOneTimeKey(
    deps,
    { purpose: "activation", key: input.key, reasons: keyReasons, now },
    async (tx, current) => {
      const change = {
        expectedKeyStamp: current.keyStamp,
        ...(newPassword ? { newPassword } : {}),
      };
      if (!(await tx.users.activate(current.id, now, change)))
        throw new AuthError("ACTIVATION_KEY_INVALID");
      const activated = { ...current, ...newPassword, activatedAt: now };
      await recordActivation(tx, activated, meta, now);
      return startSession(deps, tx, activated, meta, now, "activation");
    },
  );
}

/** user.activated, announced to webhooks, in the transaction that activates. */
export function recordActivation(
  tx: Repositories,
  user: Pick<User, "id" | "email">,
  meta: RequestMeta,
  at: Date,
): Promise<number> {
  return recordEvent(tx, {
    type: "user.activated",
    userId: user.id,
    meta,
    at,
    webhook: { type: "user.activated", data: { userId: user.id, email: user.email } },
  });
}

export type ActivationKeyState = KeyState<{ email: string }>;

/**
 * What an activation link would do, for its landing page: the address of a
 * usable key (for the hidden username field a password manager reads), or
 * why it would fail, so the page opens on the right screen. Reads only.
 */
export function inspectActivationKey(deps: AuthDeps, key: string): Promise<ActivationKeyState> {
  return inspectOneTimeKey(deps, { purpose: "activation", key, reasons: keyReasons }, (user) => ({
    email: user.email,
  }));
}

function explain(deps: AuthDeps, key: string, now: Date) {
  return explainUnusableKey(deps, "activation", key, now, keyReasons);
}

/** Each try counts against the key before the hash is checked, so guesses are few even in parallel. */
async function confirmPendingPassword(deps: AuthDeps, key: string, user: User, password: string) {
  await enforce(
    deps,
    deps.policy.limits.activationPasswordAttemptsPerKey,
    sha256(`activation:${key}`),
  );
  const pending = user.passwordHash;
  if (!pending || !(await deps.passwords.verify(pending, password))) {
    throw new AuthError("ACTIVATION_PASSWORD_MISMATCH", { field: "password" });
  }
}
