import type { Role, SignupOutcome, User, UserRepository } from "@latch/auth/ports";
import { v7 as uuidv7 } from "uuid";
import { Prisma } from "../generated/prisma/client";
import { type Client, isUuid } from "./client";

/** Exactly the domain's User: Prisma returns these columns and nothing else. */
const userColumns = {
  id: true,
  email: true,
  passwordHash: true,
  activatedAt: true,
  keyStamp: true,
  createdAt: true,
  role: true,
  bannedAt: true,
  bannedUntil: true,
  banReason: true,
  locale: true,
} as const satisfies Prisma.UserSelect;

/** The role column holds what setRole wrote; anything else reads as the least privilege. */
const asUser = <T extends { role: string }>(row: T): T & { role: Role } => ({
  ...row,
  role: row.role === "admin" ? "admin" : "user",
});

function signupOutcome(
  row: { id: string; activated_at: Date | null; inserted: boolean },
  renewInactive: boolean,
): SignupOutcome {
  if (row.inserted) return { status: "created", userId: row.id };
  if (row.activated_at) return { status: "active", userId: row.id };
  return { status: renewInactive ? "renewed" : "kept", userId: row.id };
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export function userRepository(client: Client): UserRepository {
  // INSERT ... ON CONFLICT DO NOTHING RETURNING: a taken address (also one
  // inserted by a concurrent signup) yields no row instead of a unique
  // violation (P2002), which would also abort an enclosing transaction.
  const insert = async (data: Prisma.UserCreateManyInput) => {
    const [created] = await client.user.createManyAndReturn({
      data: [data],
      skipDuplicates: true,
      select: userColumns,
    });
    return created ? asUser(created) : "email_taken";
  };

  return {
    async findById(id) {
      if (!isUuid(id)) return null;
      const user = await client.user.findUnique({ where: { id }, select: userColumns });
      return user && asUser(user);
    },

    async findByEmail(email) {
      const user = await client.user.findUnique({ where: { email }, select: userColumns });
      return user && asUser(user);
    },

    // Active from the start, without a password: the provider verified the address.
    createActive(user) {
      return insert({
        email: user.email,
        passwordHash: null,
        activatedAt: user.createdAt,
        keyStamp: user.keyStamp,
        createdAt: user.createdAt,
        locale: user.locale,
      });
    },

    // One statement for every branch, so a signup of a known address costs what a
    // new one does (enumeration by timing). DO UPDATE, unlike DO NOTHING, locks
    // and returns the existing row; its CASEs see that row as it is once locked,
    // so an activation committed meanwhile is never overwritten. xmax = 0 only on
    // a row this statement inserted. Raw SQL because Prisma's upsert cannot make
    // the update conditional on the row; the id (uuid v7, as the schema's
    // @default(uuid(7))) and updated_at (@updatedAt) are Prisma's to fill in, so
    // they are given here.
    async signUp(user, { renewInactive }) {
      const [row] = await client.$queryRaw<
        { id: string; activated_at: Date | null; inserted: boolean }[]
      >`
        INSERT INTO users AS u (id, email, password_hash, key_stamp, created_at, updated_at, locale)
        VALUES (${uuidv7()}::uuid, ${user.email}, ${user.passwordHash}, ${user.keyStamp},
                ${user.createdAt}, now(), ${user.locale})
        ON CONFLICT (email) DO UPDATE SET
          password_hash = CASE WHEN u.activated_at IS NULL AND ${renewInactive}
                               THEN excluded.password_hash ELSE u.password_hash END,
          key_stamp = CASE WHEN u.activated_at IS NULL AND ${renewInactive}
                           THEN excluded.key_stamp ELSE u.key_stamp END,
          locale = CASE WHEN u.activated_at IS NULL AND ${renewInactive}
                        THEN excluded.locale ELSE u.locale END,
          updated_at = CASE WHEN u.activated_at IS NULL AND ${renewInactive}
                            THEN now() ELSE u.updated_at END
        RETURNING id::text, activated_at, (xmax = 0) AS inserted`;
      if (!row) throw new Error("INSERT ... ON CONFLICT DO UPDATE returned no row");
      return signupOutcome(row, renewInactive);
    },

    async renewKeyStamp(userId, change, state) {
      if (!isUuid(userId)) return null;
      const [renewed] = await client.user.updateManyAndReturn({
        where: {
          id: userId,
          activatedAt: state === "inactive" ? null : { not: null },
          ...(change.expectedKeyStamp === undefined ? {} : { keyStamp: change.expectedKeyStamp }),
        },
        data: {
          keyStamp: change.keyStamp,
          ...(change.passwordHash === undefined ? {} : { passwordHash: change.passwordHash }),
        },
        select: userColumns,
      });
      return renewed ? asUser(renewed) : null;
    },

    async setLocale(userId, locale) {
      if (!isUuid(userId)) return null;
      const [changed] = await client.user.updateManyAndReturn({
        where: { id: userId },
        data: { locale },
        select: userColumns,
      });
      return changed ? asUser(changed) : null;
    },

    async setPassword(userId, change) {
      if (!isUuid(userId)) return null;
      const [changed] = await client.user.updateManyAndReturn({
        where: { id: userId },
        data: { passwordHash: change.passwordHash, keyStamp: change.keyStamp },
        select: userColumns,
      });
      return changed ? asUser(changed) : null;
    },

    // UPDATE has no ON CONFLICT: a taken address raises a unique violation,
    // also when a concurrent transaction took it a moment ago (PostgreSQL
    // waits for it, then fails). The nested $transaction is a SAVEPOINT inside
    // an enclosing transaction (its own short transaction otherwise), so the
    // failure is rolled back to there and the caller's transaction goes on.
    async changeEmail(userId, change) {
      if (!isUuid(userId)) return null;
      try {
        return await client.$transaction(async (inner) => {
          const [changed] = await inner.user.updateManyAndReturn({
            where: { id: userId, email: change.fromEmail },
            data: { email: change.toEmail, keyStamp: change.keyStamp },
            select: userColumns,
          });
          return changed ? asUser(changed) : null;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return "email_taken";
        throw error;
      }
    },

    // The foreign key on sessions.user_id cascades: one statement removes the sessions too.
    async delete(userId) {
      if (!isUuid(userId)) return false;
      const { count } = await client.user.deleteMany({ where: { id: userId } });
      return count === 1;
    },

    // Served by the partial index users_unactivated_created_at_idx.
    async purgeUnactivated(createdBefore) {
      const { count } = await client.user.deleteMany({
        where: { activatedAt: null, createdAt: { lt: createdBefore } },
      });
      return count;
    },

    async activate(userId, at, change) {
      if (!isUuid(userId)) return false;
      const { count } = await client.user.updateMany({
        where: {
          id: userId,
          activatedAt: null,
          ...(change ? { keyStamp: change.expectedKeyStamp } : {}),
        },
        data: { activatedAt: at, ...change?.newPassword },
      });
      return count === 1;
    },

    // FOR SHARE conflicts with the row lock of ban's UPDATE: whichever comes
    // second waits, then sees the first (see the port's comment).
    async holdUnlessBanned(userId, now) {
      if (!isUuid(userId)) return false;
      const rows = await client.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM users
        WHERE id = ${userId}::uuid
          AND (banned_at IS NULL OR (banned_until IS NOT NULL AND banned_until <= ${now}))
        FOR SHARE`;
      return rows.length === 1;
    },

    async ban(userId, ban) {
      if (!isUuid(userId)) return null;
      const [banned] = await client.user.updateManyAndReturn({
        where: { id: userId },
        data: { bannedAt: ban.at, bannedUntil: ban.until, banReason: ban.reason },
        select: userColumns,
      });
      return banned ? asUser(banned) : null;
    },

    async unban(userId) {
      if (!isUuid(userId)) return null;
      const [unbanned] = await client.user.updateManyAndReturn({
        where: { id: userId },
        data: { bannedAt: null, bannedUntil: null, banReason: null },
        select: userColumns,
      });
      return unbanned ? asUser(unbanned) : null;
    },

    async setRole(email, role) {
      const [changed] = await client.user.updateManyAndReturn({
        where: { email },
        data: { role },
        select: userColumns,
      });
      return changed ? asUser(changed) : null;
    },

    async search({ query, before, limit }): Promise<User[]> {
      if (before !== undefined && !isUuid(before)) return [];
      const rows = await client.user.findMany({
        where: {
          ...(query ? { email: { contains: query } } : {}),
          ...(before ? { id: { lt: before } } : {}),
        },
        orderBy: { id: "desc" },
        take: limit,
        select: userColumns,
      });
      return rows.map(asUser);
    },
  };
}
