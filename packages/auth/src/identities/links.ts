import { z } from "zod";
import { recheckPassword } from "../account/account-access";
import { recordIdentityChange } from "../audit/account-events";
import { recordedTransaction } from "../audit/recorded-transaction";
import type { AuthDeps } from "../deps";
import { base64url, sha256 } from "../encoding";
import { AuthError } from "../errors";
import { readStoredRecord } from "../keys/stored-record";
import { queueSecondFactorNotice } from "../mfa/second-factor";
import type { Identity, User } from "../ports/database";
import type { IdentityProvider, ProviderProfile } from "../ports/identity-provider";
import type { RequestMeta } from "../sessions/sessions";
import type { AccessClaims } from "../tokens/token-service";
import { linkNameOf } from "./provider-sign-in";

const pendingLinkSchema = z.object({
  userId: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  issuer: z.string(),
  subject: z.string(),
  email: z.string(),
});

/**
 * After a browser that was asked to link a provider's identity signs in
 * (any way, second step included): links it, once (GETDEL), and only to the
 * account it was meant for; a login to another account voids it. The owner
 * is told in the link's transaction.
 */
export async function completePendingLink(
  deps: AuthDeps,
  linkToken: string,
  user: Pick<User, "id" | "email">,
  meta: RequestMeta,
): Promise<{ status: "linked"; providerName: string } | { status: "void" }> {
  const pending = readStoredRecord(
    await deps.keys.getAndDelete(linkNameOf(linkToken)),
    pendingLinkSchema,
  );
  if (!pending || pending.userId !== user.id) return { status: "void" };
  const now = deps.clock.now();
  const linked = await recordedTransaction(deps, async (tx) => {
    const { providerName: _, ...identity } = { ...pending, createdAt: now };
    // The notice is written in the account's language, which the signed-in caller does not carry.
    const account = await tx.users.findById(user.id);
    if (!account || !(await tx.identities.link(identity))) return false;
    const occasion = { userId: user.id, meta, at: now };
    await recordIdentityChange(tx, occasion, "identity.linked", pending.providerId);
    await queueSecondFactorNotice(
      tx,
      account,
      { what: "provider_connected", name: pending.providerName },
      now,
    );
    return true;
  });
  if (!linked) return { status: "void" };
  deps.wakeOutbox();
  return { status: "linked", providerName: pending.providerName };
}

/**
 * A signed-in person connects another provider's identity to their account.
 * The provider's address does not matter here: the session proved the
 * account, the provider proved the identity.
 */
export async function connectIdentity(
  deps: AuthDeps,
  userId: string,
  provider: Pick<IdentityProvider, "id" | "name">,
  profile: ProviderProfile,
  meta: RequestMeta,
): Promise<{ status: "connected" }> {
  const now = deps.clock.now();
  const [user, existing] = await Promise.all([
    deps.db.users.findById(userId),
    deps.db.identities.find(profile.issuer, profile.subject),
  ]);
  if (!user) throw new AuthError("SESSION_REVOKED");
  if (existing) {
    if (existing.userId !== userId) throw new AuthError("IDENTITY_IN_USE");
    return { status: "connected" };
  }
  await recordedTransaction(deps, async (tx) => {
    const identity = {
      userId,
      providerId: provider.id,
      issuer: profile.issuer,
      subject: profile.subject,
      email: profile.email,
      createdAt: now,
    };
    if (!(await tx.identities.link(identity))) throw new AuthError("IDENTITY_IN_USE");
    await recordIdentityChange(tx, { userId, meta, at: now }, "identity.linked", provider.id);
    await queueSecondFactorNotice(
      tx,
      user,
      { what: "provider_connected", name: provider.name },
      now,
    );
  });
  deps.wakeOutbox();
  return { status: "connected" };
}

export interface IdentityView {
  id: string;
  providerId: string;
  email: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

const identityView = (identity: Identity): IdentityView => ({
  id: identity.id,
  providerId: identity.providerId,
  email: identity.email,
  createdAt: identity.createdAt.toISOString(),
  lastUsedAt: identity.lastUsedAt?.toISOString() ?? null,
});

/** The caller's connected identities, and whether the account has a password (a way in of its own). */
export async function listIdentities(
  deps: Pick<AuthDeps, "db">,
  caller: AccessClaims,
): Promise<{ identities: IdentityView[]; hasPassword: boolean }> {
  const [identities, user] = await Promise.all([
    deps.db.identities.listOfUser(caller.userId),
    deps.db.users.findById(caller.userId),
  ]);
  if (!user) throw new AuthError("SESSION_REVOKED");
  return { identities: identities.map(identityView), hasPassword: user.passwordHash !== null };
}

/**
 * Disconnecting weakens no other way in, so the session is enough; the last
 * way in (no password, no passkey, no other identity) is refused, and the
 * owner is told in the transaction of the unlink.
 */
export async function disconnectIdentity(
  deps: AuthDeps,
  caller: AccessClaims,
  identityId: string,
  providerName: (providerId: string) => string,
  meta: RequestMeta,
): Promise<{ status: "disconnected" }> {
  const user = await deps.db.users.findById(caller.userId);
  if (!user) throw new AuthError("SESSION_REVOKED");
  const now = deps.clock.now();
  await recordedTransaction(deps, async (tx) => {
    const removed = await tx.identities.unlink(user.id, identityId);
    if (removed === null) throw new AuthError("IDENTITY_NOT_FOUND");
    if (removed === "last_way_in") throw new AuthError("LAST_SIGN_IN_METHOD");
    const occasion = { userId: user.id, meta, at: now };
    await recordIdentityChange(tx, occasion, "identity.unlinked", removed.providerId);
    const change = {
      what: "provider_disconnected",
      name: providerName(removed.providerId),
    } as const;
    await queueSecondFactorNotice(tx, user, change, now);
  });
  deps.wakeOutbox();
  return { status: "disconnected" };
}

/** How long a connection approved with the password may take to start. */
const CONNECT_GRANT_TTL_SECONDS = 300;
const grantNameOf = (grant: string) => `connect-grant:${sha256(grant)}`;

/**
 * Connecting a provider adds a way in, so, as with a passkey, a session alone
 * is not enough: the password is asked again (a borrowed or stolen session
 * cannot plant its owner's own provider), under the per-account recheck limit.
 * The answer is a single-use grant the connect round trip must bring along,
 * so no other site can start one in this browser either. An account without
 * a password sets one first (PASSWORD_NOT_SET).
 */
export async function grantConnect(
  deps: AuthDeps,
  caller: AccessClaims,
  password: string,
): Promise<{ grant: string }> {
  await recheckPassword(deps, caller, password);
  const grant = base64url(deps.random.bytes(32));
  await deps.keys.set(grantNameOf(grant), caller.userId, CONNECT_GRANT_TTL_SECONDS);
  return { grant };
}

/** Spends a connect grant (GETDEL): the account it was given for, once, or null. */
export function takeConnectGrant(
  deps: Pick<AuthDeps, "keys">,
  grant: string,
): Promise<string | null> {
  return deps.keys.getAndDelete(grantNameOf(grant));
}
