import { recordActivation } from "../account/activate";
import { recordIdentityChange } from "../audit/account-events";
import { recordEvent } from "../audit/record-event";
import { recordedTransaction } from "../audit/recorded-transaction";
import type { AuthDeps } from "../deps";
import { base64url, sha256 } from "../encoding";
import { AuthError } from "../errors";
import { newKeyStamp } from "../keys/one-time-keys";
import { queueSecondFactorNotice } from "../mfa/second-factor";
import type { Repositories, User } from "../ports/database";
import type { IdentityProvider, ProviderProfile } from "../ports/identity-provider";
import { DEFAULT_LOCALE } from "../ports/notices";
import { finishSignIn, type LoginResult } from "../sessions/login";
import { type RequestMeta, startSession } from "../sessions/sessions";

/** How long a person has to log in to their account to link the provider's identity to it. */
export const LINK_TTL_SECONDS = 600;

export type ProviderSignInResult =
  | LoginResult
  /**
   * The address belongs to an account the person must first log in to, once:
   * `linkToken` (kept by the browser, HttpOnly) links the identity after that login.
   */
  | { status: "link_required"; email: string; linkToken: string };

type Provider = Pick<IdentityProvider, "id" | "name" | "trustEmail">;

/**
 * A race lost to a concurrent sign-in of the same person: start over, once.
 * Returned, not thrown, through transactions: the dependency guard around the
 * database reads any other throw as an outage.
 */
const RACE_LOST = Symbol("race lost");
type Attempt = ProviderSignInResult | typeof RACE_LOST;

/**
 * What a provider's validated profile may do. The identity is its (issuer,
 * subject), never its address: a linked identity signs in to its account
 * whatever address the provider shows now. A new identity may use its address
 * only when the provider verified it, and then:
 * - no account has it: a new active account without a password;
 * - a never-activated account has it (anyone can sign up any address): the
 *   provider proved the mailbox, so the account is activated as activation
 *   with a new password does, discarding every pending password;
 * - an active account has it: the person logs in to that account once and
 *   the identity is linked then (link_required), unless the operator trusts
 *   this provider's addresses (OIDC_<ID>_TRUST_EMAIL), which links at once.
 * A second factor still asks for its step after the provider.
 */
export async function signInWithProvider(
  deps: AuthDeps,
  provider: Provider,
  profile: ProviderProfile,
  meta: RequestMeta,
): Promise<ProviderSignInResult> {
  const first = await attempt(deps, provider, profile, meta);
  if (first !== RACE_LOST) return first;
  const second = await attempt(deps, provider, profile, meta);
  // Lost twice: the account changed under this sign-in twice over; the person starts again.
  if (second === RACE_LOST) throw new AuthError("PROVIDER_SIGN_IN_INVALID");
  return second;
}

async function attempt(
  deps: AuthDeps,
  provider: Provider,
  profile: ProviderProfile,
  meta: RequestMeta,
): Promise<Attempt> {
  const now = deps.clock.now();
  const linked = await deps.db.identities.find(profile.issuer, profile.subject);
  if (linked) {
    const user = await deps.db.users.findById(linked.userId);
    // An identity outlives its account only for the instant of a deletion's race.
    if (!user?.activatedAt) throw new AuthError("PROVIDER_SIGN_IN_INVALID");
    await deps.db.identities.recordUse(linked.id, { at: now, email: profile.email });
    return finishSignIn(deps, user, meta, "provider");
  }

  if (!profile.email || !profile.emailVerified) throw new AuthError("PROVIDER_EMAIL_UNVERIFIED");
  const email = profile.email;
  const identity = (userId: string) => ({
    userId,
    providerId: provider.id,
    issuer: profile.issuer,
    subject: profile.subject,
    email,
    createdAt: now,
  });
  /** Links the identity to the account, with its event; false when it was linked meanwhile. */
  const link = async (tx: Repositories, userId: string) => {
    if (!(await tx.identities.link(identity(userId)))) return false;
    await recordIdentityChange(tx, { userId, meta, at: now }, "identity.linked", provider.id);
    return true;
  };

  const existing = await deps.db.users.findByEmail(email);
  if (!existing) {
    return recordedTransaction(deps, async (tx) => {
      const user = await tx.users.createActive({
        email,
        keyStamp: newKeyStamp(deps.random),
        createdAt: now,
        locale: meta.locale ?? DEFAULT_LOCALE,
      });
      // Nothing written yet when the address was taken; a lost link rolls the account back.
      if (user === "email_taken") return RACE_LOST;
      // Signed up and active at once: both events, as an activated signup has them.
      await recordEvent(tx, {
        type: "user.signed_up",
        userId: user.id,
        meta,
        at: now,
        detail: { method: "provider", outcome: "created" },
        webhook: { type: "user.created", data: { userId: user.id, email: user.email } },
      });
      await recordActivation(tx, user, meta, now);
      if (!(await link(tx, user.id))) throw new AuthError("PROVIDER_SIGN_IN_INVALID");
      return startSession(deps, tx, user, meta, now, "provider");
    });
  }

  if (!existing.activatedAt) {
    return recordedTransaction(deps, async (tx) => {
      const change = {
        expectedKeyStamp: existing.keyStamp,
        newPassword: { passwordHash: null, keyStamp: newKeyStamp(deps.random) },
      };
      if (!(await tx.users.activate(existing.id, now, change))) return RACE_LOST;
      await recordActivation(tx, existing, meta, now);
      if (!(await link(tx, existing.id))) throw new AuthError("PROVIDER_SIGN_IN_INVALID");
      const user: User = { ...existing, ...change.newPassword, activatedAt: now };
      return startSession(deps, tx, user, meta, now, "provider");
    });
  }

  if (provider.trustEmail) {
    const linked = await recordedTransaction(deps, async (tx) => {
      if (!(await link(tx, existing.id))) return false;
      await queueSecondFactorNotice(
        tx,
        existing,
        { what: "provider_connected", name: provider.name },
        now,
      );
      return true;
    });
    if (!linked) return RACE_LOST;
    deps.wakeOutbox();
    return finishSignIn(deps, existing, meta, "provider");
  }

  const linkToken = base64url(deps.random.bytes(32));
  const pending: PendingLink = {
    userId: existing.id,
    providerId: provider.id,
    providerName: provider.name,
    issuer: profile.issuer,
    subject: profile.subject,
    email,
  };
  await deps.keys.set(linkNameOf(linkToken), JSON.stringify(pending), LINK_TTL_SECONDS);
  return { status: "link_required", email, linkToken };
}

interface PendingLink {
  userId: string;
  providerId: string;
  providerName: string;
  issuer: string;
  subject: string;
  email: string;
}

/** The key store holds a SHA-256 of the link token, never the token. */
export const linkNameOf = (token: string) => `identity-link:${sha256(token)}`;
