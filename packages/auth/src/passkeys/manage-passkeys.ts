import type { RemovePasskeyInput, RenamePasskeyInput } from "@latch/validators";
import { recordSecondFactorChange } from "../audit/account-events";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import { queueSecondFactorNotice } from "../mfa/second-factor";
import type { RequestMeta } from "../sessions/sessions";
import type { AccessClaims } from "../tokens/token-service";
import { type PasskeyView, passkeyView } from "./passkey-view";

export async function listPasskeys(
  deps: Pick<AuthDeps, "db">,
  caller: AccessClaims,
): Promise<{ passkeys: PasskeyView[] }> {
  const passkeys = await deps.db.passkeys.listOfUser(caller.userId);
  return { passkeys: passkeys.map(passkeyView) };
}

export async function renamePasskey(
  deps: Pick<AuthDeps, "db">,
  caller: AccessClaims,
  input: RenamePasskeyInput,
): Promise<{ status: "renamed" }> {
  if (!(await deps.db.passkeys.rename(caller.userId, input.id, input.name))) {
    throw new AuthError("PASSKEY_NOT_FOUND");
  }
  return { status: "renamed" };
}

/**
 * Removing a passkey weakens nothing else (the password and any second
 * factor stay as they were), so the session is enough; the owner is told,
 * in the transaction of the removal, in case the session was not theirs.
 */
export async function removePasskey(
  deps: AuthDeps,
  caller: AccessClaims,
  input: RemovePasskeyInput,
  meta?: RequestMeta,
): Promise<{ status: "removed" }> {
  const [user, passkey] = await Promise.all([
    deps.db.users.findById(caller.userId),
    deps.db.passkeys.findById(input.id),
  ]);
  if (!user) throw new AuthError("SESSION_REVOKED");
  if (passkey?.userId !== user.id) throw new AuthError("PASSKEY_NOT_FOUND");
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const removed = await tx.passkeys.remove(user.id, passkey.id);
    if (removed === "last_way_in") throw new AuthError("LAST_SIGN_IN_METHOD");
    if (!removed) throw new AuthError("PASSKEY_NOT_FOUND");
    await queueSecondFactorNotice(tx, user, { what: "passkey_removed", name: passkey.name }, now);
    await recordSecondFactorChange(tx, { userId: user.id, meta, at: now }, "passkey_removed", {
      passkeyId: passkey.id,
    });
  });
  deps.wakeOutbox();
  return { status: "removed" };
}
