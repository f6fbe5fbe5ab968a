import type { RevocationLog, RevocationLogWriter } from "@latch/auth/ports";
import type { Client } from "./client";

/** Recording announcements: what a request does, inside the transaction that ends the sessions. */
export function revocationLogWriter(client: Client): RevocationLogWriter {
  return {
    async record(revocations) {
      if (revocations.length === 0) return;
      // One statement; a session announced again keeps its later end.
      await client.$executeRaw`
        INSERT INTO revocation_announcements (session_id, until)
        SELECT * FROM unnest(
          ${revocations.map((entry) => entry.sessionId)}::uuid[],
          ${revocations.map((entry) => entry.until)}::timestamptz[]
        )
        ON CONFLICT (session_id)
        DO UPDATE SET until = GREATEST(revocation_announcements.until, EXCLUDED.until)`;
    },
  };
}

/** The workers' side: every server reads it on each pass, so each statement is one round trip. */
export function revocationLog(client: Client): RevocationLog {
  return {
    ...revocationLogWriter(client),

    async undelivered(now, limit) {
      const rows = await client.revocationAnnouncement.findMany({
        where: { until: { gt: now } },
        orderBy: { until: "asc" },
        take: limit,
      });
      return rows.map((row) => ({ sessionId: row.sessionId, until: row.until }));
    },

    async markDelivered(revocations, now) {
      await client.$executeRaw`
        DELETE FROM revocation_announcements AS pending
        WHERE pending.until <= ${now}
           OR EXISTS (
             SELECT 1 FROM unnest(
               ${revocations.map((entry) => entry.sessionId)}::uuid[],
               ${revocations.map((entry) => entry.until)}::timestamptz[]
             ) AS delivered (session_id, until)
             WHERE delivered.session_id = pending.session_id AND pending.until <= delivered.until
           )`;
    },
  };
}
