import type { Revocation, RevocationLog } from "../ports/database";
import type { Scope } from "./memory-store";

/** Undelivered revocation announcements in memory, one row per session as on PostgreSQL. */
export function memoryRevocationLog({ revocations }: Scope): RevocationLog {
  return {
    async record(entries) {
      for (const { sessionId, until } of entries) {
        await revocations.lock((row) => row.id === sessionId);
        const known = revocations.get(sessionId);
        if (!known || known.until < until)
          revocations.put({ id: sessionId, until: new Date(until) });
      }
    },

    async undelivered(now, limit) {
      return revocations
        .filter((row) => row.until > now)
        .sort((a, b) => a.until.getTime() - b.until.getTime())
        .slice(0, limit)
        .map((row): Revocation => ({ sessionId: row.id, until: new Date(row.until) }));
    },

    async markDelivered(delivered, now) {
      const reached = new Map(delivered.map((entry) => [entry.sessionId, entry.until]));
      const done = (row: { id: string; until: Date }) => {
        const until = reached.get(row.id);
        return row.until <= now || (until !== undefined && row.until <= until);
      };
      await revocations.lock(done);
      for (const row of revocations.filter(done)) revocations.delete(row.id);
    },
  };
}
