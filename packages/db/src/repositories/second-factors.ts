import type { SecondFactorRepository } from "@latch/auth/ports";
import type { Prisma } from "../generated/prisma/client";
import { type Client, isUuid } from "./client";

/** Exactly the domain's TotpFactor. */
const totpColumns = {
  userId: true,
  encryptedSecret: true,
  confirmedAt: true,
  lastUsedStep: true,
  createdAt: true,
} as const satisfies Prisma.TotpFactorSelect;

/**
 * Every change is one statement whose WHERE is the compare-and-set: under
 * read committed, a second UPDATE or DELETE of the same row waits for the
 * first, then re-checks its WHERE against the committed row and finds
 * nothing, so of two uses of one code exactly one counts.
 */
export function secondFactorRepository(client: Client): SecondFactorRepository {
  return {
    async findTotp(userId) {
      if (!isUuid(userId)) return null;
      return client.totpFactor.findUnique({ where: { userId }, select: totpColumns });
    },

    // INSERT ... ON CONFLICT DO NOTHING, then an UPDATE of a pending row only:
    // a confirmed factor is never replaced, also when confirmed in between.
    async savePendingTotp(userId, encryptedSecret, at) {
      const { count: created } = await client.totpFactor.createMany({
        data: [{ userId, encryptedSecret, createdAt: at }],
        skipDuplicates: true,
      });
      if (created === 1) return true;
      const { count } = await client.totpFactor.updateMany({
        where: { userId, confirmedAt: null },
        data: { encryptedSecret, createdAt: at, lastUsedStep: null },
      });
      return count === 1;
    },

    async confirmTotp(userId, change) {
      if (!isUuid(userId)) return false;
      const { count } = await client.totpFactor.updateMany({
        where: { userId, confirmedAt: null, encryptedSecret: change.encryptedSecret },
        data: { confirmedAt: change.at, lastUsedStep: change.step },
      });
      return count === 1;
    },

    async useTotpStep(userId, step) {
      if (!isUuid(userId)) return false;
      const { count } = await client.totpFactor.updateMany({
        where: {
          userId,
          confirmedAt: { not: null },
          OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }],
        },
        data: { lastUsedStep: step },
      });
      return count === 1;
    },

    // Two statements: callers that need them atomic (disabling, with its notice) run them in a transaction.
    async removeTotp(userId) {
      if (!isUuid(userId)) return false;
      await client.recoveryCode.deleteMany({ where: { userId } });
      const { count } = await client.totpFactor.deleteMany({ where: { userId } });
      return count === 1;
    },

    async replaceRecoveryCodes(userId, codeHashes, at) {
      await client.recoveryCode.deleteMany({ where: { userId } });
      await client.recoveryCode.createMany({
        data: codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: at })),
      });
    },

    async useRecoveryCode(userId, codeHash) {
      if (!isUuid(userId)) return false;
      const { count } = await client.recoveryCode.deleteMany({ where: { userId, codeHash } });
      return count === 1;
    },

    async countRecoveryCodes(userId) {
      if (!isUuid(userId)) return 0;
      return client.recoveryCode.count({ where: { userId } });
    },
  };
}
