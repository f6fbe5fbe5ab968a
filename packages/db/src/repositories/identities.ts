import type { IdentityRepository } from "@latch/auth/ports";
import type { Prisma } from "../generated/prisma/client";
import { type Client, isUuid } from "./client";

/** Exactly the domain's Identity. */
const identityColumns = {
  id: true,
  userId: true,
  providerId: true,
  issuer: true,
  subject: true,
  email: true,
  createdAt: true,
  lastUsedAt: true,
} as const satisfies Prisma.IdentitySelect;

export function identityRepository(client: Client): IdentityRepository {
  return {
    find(issuer, subject) {
      return client.identity.findUnique({
        where: { issuer_subject: { issuer, subject } },
        select: identityColumns,
      });
    },

    async listOfUser(userId) {
      if (!isUuid(userId)) return [];
      return client.identity.findMany({
        where: { userId },
        select: identityColumns,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
    },

    // INSERT ... ON CONFLICT DO NOTHING: an (issuer, subject) linked before, also
    // by a concurrent link a moment ago, is refused rather than a unique violation
    // that would abort an enclosing transaction.
    async link(identity) {
      const { count } = await client.identity.createMany({
        // Field by field: a caller's object may carry more than the row has.
        data: [
          {
            userId: identity.userId,
            providerId: identity.providerId,
            issuer: identity.issuer,
            subject: identity.subject,
            email: identity.email,
            createdAt: identity.createdAt,
          },
        ],
        skipDuplicates: true,
      });
      return count === 1;
    },

    async recordUse(id, change) {
      if (!isUuid(id)) return;
      await client.identity.updateMany({
        where: { id },
        data: { lastUsedAt: change.at, email: change.email },
      });
    },

    // The user's row lock serializes every unlink of the account; the counts
    // come from statements run after it is granted, so under read committed
    // they see what a concurrent unlink committed before releasing it (counts
    // in the locking statement itself would read its older snapshot). The
    // nested $transaction is a SAVEPOINT inside an enclosing transaction.
    async unlink(userId, identityId) {
      if (!isUuid(userId) || !isUuid(identityId)) return null;
      return client.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<unknown[]>`
          SELECT 1 FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
        if (locked.length === 0) return null;
        const identity = await tx.identity.findFirst({
          where: { id: identityId, userId },
          select: identityColumns,
        });
        if (!identity) return null;
        const [withPassword, passkeys, otherIdentities] = [
          await tx.user.count({ where: { id: userId, passwordHash: { not: null } } }),
          await tx.passkey.count({ where: { userId } }),
          await tx.identity.count({ where: { userId, id: { not: identityId } } }),
        ];
        if (withPassword + passkeys + otherIdentities === 0) return "last_way_in";
        await tx.identity.deleteMany({ where: { id: identityId } });
        return identity;
      });
    },
  };
}
