import type { User } from "../ports/database";

/** Whether the user's ban stands at `now`: set, and for good or not yet over. */
export const isBanned = (user: Pick<User, "bannedAt" | "bannedUntil">, now: Date): boolean =>
  user.bannedAt !== null && (user.bannedUntil === null || user.bannedUntil > now);
