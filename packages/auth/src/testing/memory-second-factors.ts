import type { SecondFactorRepository, TotpFactor } from "../ports/database";
import type { Scope, StoredTotpFactor } from "./memory-store";

const factorOf = ({ id: _, ...factor }: StoredTotpFactor): TotpFactor => structuredClone(factor);

/**
 * Second factors in memory. Each compare-and-set settles without awaiting
 * once it holds its row lock, so two concurrent uses of one code race as
 * their single UPDATE or DELETE would on PostgreSQL: one wins.
 */
export function memorySecondFactors({
  users,
  totpFactors,
  recoveryCodes,
}: Scope): SecondFactorRepository {
  const ofUser = (userId: string) => (row: { userId: string }) => row.userId === userId;

  return {
    async findTotp(userId) {
      const factor = totpFactors.get(userId);
      return factor ? factorOf(factor) : null;
    },

    async savePendingTotp(userId, encryptedSecret, at) {
      // The foreign key on totp_factors.user_id.
      if (!users.get(userId)) throw new Error(`No user ${userId} for a second factor`);
      await totpFactors.lock(ofUser(userId));
      const existing = totpFactors.get(userId);
      if (existing?.confirmedAt) return false;
      totpFactors.put({
        id: userId,
        userId,
        encryptedSecret,
        confirmedAt: null,
        lastUsedStep: null,
        createdAt: new Date(at),
      });
      return true;
    },

    async confirmTotp(userId, change) {
      await totpFactors.lock(ofUser(userId));
      const factor = totpFactors.get(userId);
      if (!factor || factor.confirmedAt || factor.encryptedSecret !== change.encryptedSecret) {
        return false;
      }
      totpFactors.put({ ...factor, confirmedAt: new Date(change.at), lastUsedStep: change.step });
      return true;
    },

    async useTotpStep(userId, step) {
      await totpFactors.lock(ofUser(userId));
      const factor = totpFactors.get(userId);
      if (!factor?.confirmedAt) return false;
      if (factor.lastUsedStep !== null && factor.lastUsedStep >= step) return false;
      totpFactors.put({ ...factor, lastUsedStep: step });
      return true;
    },

    async removeTotp(userId) {
      await totpFactors.lock(ofUser(userId));
      await recoveryCodes.lock(ofUser(userId));
      for (const code of recoveryCodes.filter(ofUser(userId))) recoveryCodes.delete(code.id);
      if (!totpFactors.get(userId)) return false;
      totpFactors.delete(userId);
      return true;
    },

    async replaceRecoveryCodes(userId, codeHashes, at) {
      await recoveryCodes.lock(ofUser(userId));
      for (const code of recoveryCodes.filter(ofUser(userId))) recoveryCodes.delete(code.id);
      for (const codeHash of codeHashes) {
        recoveryCodes.put({ id: crypto.randomUUID(), userId, codeHash, createdAt: new Date(at) });
      }
    },

    async useRecoveryCode(userId, codeHash) {
      const match = (row: { userId: string; codeHash: string }) =>
        row.userId === userId && row.codeHash === codeHash;
      await recoveryCodes.lock(match);
      const code = recoveryCodes.find(match);
      if (!code) return false;
      recoveryCodes.delete(code.id);
      return true;
    },

    async countRecoveryCodes(userId) {
      return recoveryCodes.filter(ofUser(userId)).length;
    },
  };
}
