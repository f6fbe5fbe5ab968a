import type { Passkey, PasskeyRepository } from "../ports/database";
import type { Scope } from "./memory-store";

const copy = (passkey: Passkey): Passkey => structuredClone(passkey);

/**
 * Passkeys in memory. Like the second factors, each change settles without
 * awaiting once it holds its row lock, so two uses of one passkey race as
 * their single UPDATE would on PostgreSQL.
 */
export function memoryPasskeys({ users, passkeys, identities }: Scope): PasskeyRepository {
  const own = (userId: string, id: string) => (row: Passkey) =>
    row.id === id && row.userId === userId;

  return {
    async create(passkey) {
      // The foreign key on passkeys.user_id.
      if (!users.get(passkey.userId)) throw new Error(`No user ${passkey.userId} for a passkey`);
      await passkeys.lock((row) => row.id === passkey.id);
      if (passkeys.get(passkey.id)) return false;
      passkeys.put(copy(passkey));
      return true;
    },

    async findById(id) {
      const passkey = passkeys.get(id);
      return passkey ? copy(passkey) : null;
    },

    async listOfUser(userId) {
      return passkeys
        .filter((row) => row.userId === userId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
        .map(copy);
    },

    async rename(userId, id, name) {
      await passkeys.lock(own(userId, id));
      const passkey = passkeys.find(own(userId, id));
      if (!passkey) return false;
      passkeys.put({ ...passkey, name });
      return true;
    },

    async remove(userId, id) {
      await users.lock((user) => user.id === userId);
      await passkeys.lock(own(userId, id));
      if (!passkeys.find(own(userId, id))) return false;
      const otherWays =
        (users.get(userId)?.passwordHash ? 1 : 0) +
        identities.filter((row) => row.userId === userId).length +
        passkeys.filter((row) => row.userId === userId && row.id !== id).length;
      if (otherWays === 0) return "last_way_in";
      passkeys.delete(id);
      return true;
    },

    async recordUse(id, change) {
      await passkeys.lock((row) => row.id === id);
      const passkey = passkeys.get(id);
      if (!passkey || passkey.counter !== change.fromCounter) return false;
      passkeys.put({ ...passkey, counter: change.toCounter, lastUsedAt: new Date(change.at) });
      return true;
    },
  };
}
