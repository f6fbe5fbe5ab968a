import type { Passkey } from "../ports/database";

/** A passkey as its owner sees it in the list: never its public key or counter. */
export interface PasskeyView {
  id: string;
  name: string;
  /** ISO timestamps. */
  createdAt: string;
  lastUsedAt: string | null;
}

export const passkeyView = (passkey: Passkey): PasskeyView => ({
  id: passkey.id,
  name: passkey.name,
  createdAt: passkey.createdAt.toISOString(),
  lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
});
