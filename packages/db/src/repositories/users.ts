import type { UserRepository } from "@latch/auth";
import type { Prisma } from "../generated/prisma/client";
import { type Client, isUuid } from "./client";

/** Exactly the domain's User: Prisma returns these columns and nothing else. */
const userColumns = {
  id: true,
  email: true,
  passwordHash: true,
  activatedAt: true,
  activationStamp: true,
  createdAt: true,
} as const satisfies Prisma.UserSelect;

export function userRepository(client: Client): UserRepository {
  return {
    async findById(id) {
      if (!isUuid(id)) return null;
      return client.user.findUnique({ where: { id }, select: userColumns });
    },

    findByEmail(email) {
      return client.user.findUnique({ where: { email }, select: userColumns });
    },

    // INSERT ... ON CONFLICT DO NOTHING RETURNING: a taken address (also one
    // inserted by a concurrent signup) yields no row instead of a unique
    // violation (P2002), which would also abort an enclosing transaction.
    async create(user) {
      const [created] = await client.user.createManyAndReturn({
        data: [
          {
            email: user.email,
            passwordHash: user.passwordHash,
            activationStamp: user.activationStamp,
            createdAt: user.createdAt,
          },
        ],
        skipDuplicates: true,
        select: userColumns,
      });
      return created ?? "email_taken";
    },

    async renewActivation(userId, change) {
      if (!isUuid(userId)) return null;
      const [renewed] = await client.user.updateManyAndReturn({
        where: { id: userId, activatedAt: null },
        data: {
          activationStamp: change.activationStamp,
          ...(change.passwordHash === undefined ? {} : { passwordHash: change.passwordHash }),
        },
        select: userColumns,
      });
      return renewed ?? null;
    },

    async activate(userId, at) {
      if (!isUuid(userId)) return false;
      const { count } = await client.user.updateMany({
        where: { id: userId, activatedAt: null },
        data: { activatedAt: at },
      });
      return count === 1;
    },
  };
}
