import type { Passkey, PasskeyRepository } from "@latch/auth/ports";
import type { Prisma } from "../generated/prisma/client";
import { type Client, isUuid } from "./client";

const passkeyColumns = {
  id: true,
  userId: true,
  publicKey: true,
  counter: true,
  transports: true,
  name: true,
  createdAt: true,
  lastUsedAt: true,
} as const satisfies Prisma.PasskeySelect;

type PasskeyRow = Prisma.PasskeyGetPayload<{ select: typeof passkeyColumns }>;

/** The counter is a 32-bit unsigned number: BIGINT in the table, a number in the domain. */
const passkeyOf = (row: PasskeyRow): Passkey => ({ ...row, counter: Number(row.counter) });

/** Each change is one statement whose WHERE names the owner, or the counter it read (compare-and-set). */
export function passkeyRepository(client: Client): PasskeyRepository {
  return {
    // INSERT ... ON CONFLICT DO NOTHING: a credential id registered twice is refused, not an error.
    async create(passkey) {
      const { count } = await client.passkey.createMany({
        data: [{ ...passkey, counter: BigInt(passkey.counter) }],
        skipDuplicates: true,
      });
      return count === 1;
    },

    async findById(id) {
      const row = await client.passkey.findUnique({ where: { id }, select: passkeyColumns });
      return row ? passkeyOf(row) : null;
    },

    async listOfUser(userId) {
      if (!isUuid(userId)) return [];
      const rows = await client.passkey.findMany({
        where: { userId },
        select: passkeyColumns,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(passkeyOf);
    },

    async rename(userId, id, name) {
      if (!isUuid(userId)) return false;
      const { count } = await client.passkey.updateMany({ where: { id, userId }, data: { name } });
      return count === 1;
    },

    // Locked and counted as IdentityRepository.unlink is (see there why in that order).
    async remove(userId, id) {
      if (!isUuid(userId)) return false;
      return client.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<unknown[]>`
          SELECT 1 FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
        if (locked.length === 0) return false;
        if ((await tx.passkey.count({ where: { id, userId } })) === 0) return false;
        const otherWays =
          (await tx.user.count({ where: { id: userId, passwordHash: { not: null } } })) +
          (await tx.identity.count({ where: { userId } })) +
          (await tx.passkey.count({ where: { userId, id: { not: id } } }));
        if (otherWays === 0) return "last_way_in";
        await tx.passkey.deleteMany({ where: { id, userId } });
        return true;
      });
    },

    async recordUse(id, change) {
      const { count } = await client.passkey.updateMany({
        where: { id, counter: BigInt(change.fromCounter) },
        data: { counter: BigInt(change.toCounter), lastUsedAt: change.at },
      });
      return count === 1;
    },
  };
}
