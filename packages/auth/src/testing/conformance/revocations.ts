import { describe, expect, it } from "vitest";
import type { Revocation } from "../../ports/database";
import { at, type Fixtures } from "./fixtures";

export function revocationsContract({ db, createSession }: Fixtures): void {
  describe("revocation announcements", () => {
    /** The contract's database is shared: look only at these sessions' announcements. */
    const undeliveredOf = async (ids: string[], now: Date) =>
      (await db().revocations.undelivered(now, 1000)).filter((entry) =>
        ids.includes(entry.sessionId),
      );
    const announcement = (until: Date): Revocation => ({ sessionId: crypto.randomUUID(), until });

    it("keeps an announcement recorded with the session's end until it is delivered", async () => {
      const { session } = await createSession();
      await db().transaction(async (tx) => {
        await tx.sessions.revoke(session.id, at(10), "logout");
        await tx.revocations.record([{ sessionId: session.id, until: at(910) }]);
      });
      expect(await undeliveredOf([session.id], at(20))).toEqual([
        { sessionId: session.id, until: at(910) },
      ]);
      await db().revocations.markDelivered([{ sessionId: session.id, until: at(910) }], at(30));
      expect(await undeliveredOf([session.id], at(40))).toEqual([]);
    });

    it("rolls an announcement back with the transaction that ended the session", async () => {
      const { session } = await createSession();
      await expect(
        db().transaction(async (tx) => {
          await tx.sessions.revoke(session.id, at(10), "logout");
          await tx.revocations.record([{ sessionId: session.id, until: at(910) }]);
          throw new Error("the end failed");
        }),
      ).rejects.toThrow("the end failed");
      expect(await undeliveredOf([session.id], at(20))).toEqual([]);
    });

    it("outlives the session row: an announcement of a deleted account's session stays", async () => {
      const { user, session } = await createSession();
      await db().transaction(async (tx) => {
        await tx.users.delete(user.id);
        await tx.revocations.record([{ sessionId: session.id, until: at(910) }]);
      });
      expect(await undeliveredOf([session.id], at(20))).toHaveLength(1);
    });

    it("keeps the later end of a session announced twice, and a delivery of the earlier one does not forget it", async () => {
      const first = announcement(at(100));
      await db().revocations.record([first]);
      await db().revocations.record([{ ...first, until: at(200) }]);
      await db().revocations.record([{ ...first, until: at(150) }]);
      expect(await undeliveredOf([first.sessionId], at(10))).toEqual([
        { sessionId: first.sessionId, until: at(200) },
      ]);
      await db().revocations.markDelivered([first], at(10));
      expect(await undeliveredOf([first.sessionId], at(10))).toHaveLength(1);
    });

    it("lists only announcements still in force, at most `limit`, and forgets expired ones on delivery", async () => {
      const expired = announcement(at(50));
      const live = [announcement(at(500)), announcement(at(600))];
      await db().revocations.record([expired, ...live]);
      const ids = [expired, ...live].map((entry) => entry.sessionId);
      expect(await undeliveredOf(ids, at(100))).toEqual(live);
      expect(await db().revocations.undelivered(at(100), 1)).toHaveLength(1);
      await db().revocations.markDelivered([], at(100));
      expect(await undeliveredOf(ids, at(0))).toEqual(live);
    });
  });
}
