import { describe, expect, it } from "vitest";
import type { NoticeRequest } from "../../ports/notices";
import { at, type Fixtures } from "./fixtures";

const FAR = 1000 * 86_400;

export function outboxContract({ db }: Fixtures): void {
  const notice = (): NoticeRequest => ({
    kind: "password_reset",
    email: `${crypto.randomUUID()}@example.test`,
  });

  /** The database is shared by the whole contract: first send off whatever earlier tests left due. */
  async function drain() {
    for (;;) {
      const entries = await db().outbox.claim(at(FAR), 500, 1);
      if (entries.length === 0) return;
      for (const entry of entries) await db().outbox.markSent(entry, at(FAR));
    }
  }

  /** Claims exactly the entries with these ids (the contract's database holds nothing else due). */
  async function claimed(ids: string[], now: Date) {
    const entries = await db().outbox.claim(now, 50, 30);
    return ids.map((id) => {
      const entry = entries.find((candidate) => candidate.id === id);
      if (!entry) throw new Error(`entry ${id} was not claimed`);
      return entry;
    });
  }

  describe("outbox", () => {
    it("hands a committed entry to one claim, hides it for the lease, then offers it again", async () => {
      await drain();
      const request = notice();
      const id = await db().transaction((tx) => tx.outbox.enqueue(request, at(0)));
      const [claimed, ...others] = await db().outbox.claim(at(1), 10, 30);
      expect(others).toEqual([]);
      expect(claimed).toEqual({
        id,
        request,
        attempts: 1,
        createdAt: at(0),
        claimToken: expect.any(String),
        mintedStamp: null,
      });
      expect(await db().outbox.claim(at(30), 10, 30)).toEqual([]);
      expect((await db().outbox.claim(at(31), 10, 30)).map((e) => [e.id, e.attempts])).toEqual([
        [id, 2],
      ]);
    });

    it("never shows an entry whose transaction rolled back", async () => {
      await drain();
      await expect(
        db().transaction(async (tx) => {
          await tx.outbox.enqueue(notice(), at(0));
          throw new Error("the change failed");
        }),
      ).rejects.toThrow("the change failed");
      expect(await db().outbox.claim(at(1), 10, 30)).toEqual([]);
    });

    it("gives concurrent claims disjoint entries (SKIP LOCKED), oldest due first", async () => {
      await drain();
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await db().outbox.enqueue(notice(), at(i)));
      const claims = await Promise.all([1, 2, 3, 4].map(() => db().outbox.claim(at(100), 6, 30)));
      const claimed = claims.flat().map((entry) => entry.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.length).toBe(20);
      expect(claimed.sort()).toEqual([...ids].sort());
    });

    it("keeps an entry retried later out of claims until it is due, refunding the attempt on request", async () => {
      await drain();
      const id = await db().outbox.enqueue(notice(), at(0));
      const [first] = await claimed([id], at(0));
      await db().outbox.retryLater(first ?? { id, claimToken: "" }, at(100), "budget", {
        refundAttempt: true,
      });
      expect(await db().outbox.claim(at(99), 10, 30)).toEqual([]);
      const [again] = await db().outbox.claim(at(100), 10, 30);
      expect(again?.attempts).toBe(1);
      await db().outbox.retryLater(again ?? { id, claimToken: "" }, at(200), "503");
      expect((await db().outbox.claim(at(200), 10, 30))[0]?.attempts).toBe(2);
    });

    it("never claims a sent, dropped or dead entry again, and counts pending and dead ones", async () => {
      await drain();
      const before = await db().outbox.stats(at(FAR + 10));
      const [sent, dropped, dead, pending] = [
        await db().outbox.enqueue(notice(), at(FAR)),
        await db().outbox.enqueue(notice(), at(FAR)),
        await db().outbox.enqueue(notice(), at(FAR)),
        await db().outbox.enqueue(notice(), at(FAR + 5)),
      ];
      expect(await db().outbox.stats(at(FAR + 10))).toEqual({
        pending: before.pending + 4,
        oldestSeconds: 10,
        dead: before.dead,
      });
      const [sentClaim, droppedClaim, deadClaim] = await claimed(
        [sent ?? "", dropped ?? "", dead ?? ""],
        at(FAR),
      );
      if (!sentClaim || !droppedClaim || !deadClaim) throw new Error("unclaimed");
      await db().outbox.markSent(sentClaim, at(FAR + 1));
      await db().outbox.markDropped(droppedClaim, at(FAR + 1), "account gone");
      await db().outbox.markDead(deadClaim, at(FAR + 1), "422");
      expect(await db().outbox.stats(at(FAR + 10))).toEqual({
        pending: before.pending + 1,
        oldestSeconds: 5,
        dead: before.dead + 1,
      });
      expect((await db().outbox.claim(at(FAR * 2), 10, 30)).map((entry) => entry.id)).toEqual([
        pending,
      ]);
    });

    it("purges sent and dropped entries finished before the cutoff, keeping dead and pending ones", async () => {
      await drain();
      await db().outbox.purgeFinished(at(3 * FAR)); // what the drain and earlier tests finished
      const ids = [
        await db().outbox.enqueue(notice(), at(FAR)),
        await db().outbox.enqueue(notice(), at(FAR)),
      ];
      const [first, second] = await claimed(ids, at(FAR));
      if (!first || !second) throw new Error("unclaimed");
      await db().outbox.markSent(first, at(3 * FAR));
      await db().outbox.markDead(second, at(3 * FAR), "422");
      const deadBefore = (await db().outbox.stats(at(FAR + 2))).dead;
      expect(await db().outbox.purgeFinished(at(3 * FAR))).toBe(0);
      expect(await db().outbox.purgeFinished(at(3 * FAR + 1))).toBe(1);
      expect((await db().outbox.stats(at(FAR + 2))).dead).toBe(deadBefore);
    });

    it("lets only the current claim change an entry: a worker whose lease ran out changes nothing", async () => {
      await drain();
      const id = await db().outbox.enqueue(notice(), at(0));
      const [stale] = await claimed([id], at(0));
      const [current] = await claimed([id], at(31)); // the stale worker's lease ran out
      if (!stale || !current) throw new Error("unclaimed");
      expect(current.claimToken).not.toBe(stale.claimToken);
      expect(await db().outbox.recordMint(stale, "stamp-stale")).toBe(false);
      await db().outbox.markDead(stale, at(32), "stale");
      await db().outbox.retryLater(stale, at(40), "stale");
      expect(await db().outbox.recordMint(current, "stamp-1")).toBe(true);
      await db().outbox.retryLater(current, at(50), "503");
      const [again] = await db().outbox.claim(at(50), 10, 30);
      expect(again).toMatchObject({ id, attempts: 3, mintedStamp: "stamp-1" });
      await db().outbox.markSent(stale, at(51));
      expect((await db().outbox.stats(at(51))).pending).toBeGreaterThanOrEqual(1);
      if (again) await db().outbox.markSent(again, at(52));
      expect(await db().outbox.claim(at(FAR), 10, 30)).toEqual([]);
    });
  });
}
