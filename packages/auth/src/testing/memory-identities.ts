import type { Identity, IdentityRepository } from "../ports/database";
import type { Scope } from "./memory-store";

const copy = (identity: Identity): Identity => structuredClone(identity);

/**
 * Identities in memory. The unique (issuer, subject) and the lock on the
 * user's row that guards the last way in behave as on PostgreSQL.
 */
export function memoryIdentities({ users, passkeys, identities }: Scope): IdentityRepository {
  const key = (issuer: string, subject: string) => (row: Identity) =>
    row.issuer === issuer && row.subject === subject;

  return {
    async find(issuer, subject) {
      const identity = identities.find(key(issuer, subject));
      return identity ? copy(identity) : null;
    },

    async listOfUser(userId) {
      return identities
        .filter((row) => row.userId === userId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
        .map(copy);
    },

    async link(identity) {
      // The foreign key on identities.user_id.
      if (!users.get(identity.userId))
        throw new Error(`No user ${identity.userId} for an identity`);
      await identities.lock(key(identity.issuer, identity.subject));
      if (identities.find(key(identity.issuer, identity.subject))) return false;
      identities.put({
        ...copy({ ...identity, id: "", lastUsedAt: null }),
        id: crypto.randomUUID(),
      });
      return true;
    },

    async recordUse(id, change) {
      await identities.lock((row) => row.id === id);
      const identity = identities.get(id);
      if (identity)
        identities.put({ ...identity, lastUsedAt: new Date(change.at), email: change.email });
    },

    async unlink(userId, identityId) {
      await users.lock((user) => user.id === userId);
      const user = users.get(userId);
      const identity = identities.find((row) => row.id === identityId && row.userId === userId);
      if (!user || !identity) return null;
      const otherWays =
        (user.passwordHash ? 1 : 0) +
        passkeys.filter((row) => row.userId === userId).length +
        identities.filter((row) => row.userId === userId && row.id !== identityId).length;
      if (otherWays === 0) return "last_way_in";
      identities.delete(identityId);
      return copy(identity);
    },
  };
}
