import { describe, expect, it } from "vitest";
import type { AuditEventType, NewAuditEvent, WebhookEventType } from "../../ports/audit";
import { at, type Fixtures, T0 } from "./fixtures";

/** An event of its own account (a fresh id), so suites sharing the database never meet. */
const eventOf = (overrides: Partial<NewAuditEvent> = {}): NewAuditEvent => ({
  at: T0,
  type: "login.succeeded",
  userId: crypto.randomUUID(),
  actorId: null,
  ip: "203.0.113.0/24",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  device: "Firefox · Linux",
  detail: { method: "password" },
  ...overrides,
});

export function auditContract({ db }: Fixtures): void {
  const endpoint = async (events: WebhookEventType[]) => {
    const id = crypto.randomUUID();
    await db().webhooks.create({
      id,
      url: "https://hooks.example.com/latch",
      events,
      encryptedSecret: "sealed",
      createdAt: T0,
    });
    return id;
  };
  const payloadOf = (type: WebhookEventType, userId: string) => ({
    type,
    timestamp: T0.toISOString(),
    data: { userId },
  });

  describe("audit trail", () => {
    it("records an event and lists it back as written, with a time-ordered id", async () => {
      const event = eventOf({ actorId: crypto.randomUUID(), detail: { reason: "x", n: "2" } });
      expect(await db().audit.record(event)).toBe(0);
      const [listed, ...others] = await db().audit.list({
        userId: event.userId ?? "",
        limit: 10,
      });
      expect(others).toEqual([]);
      expect(listed).toEqual({ ...event, id: expect.any(String) });
      expect(listed?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    });

    it("records an event of no known account", async () => {
      const event = eventOf({ userId: null, type: "login.failed", ip: null, device: null });
      await db().audit.record(event);
      const failures = await db().audit.list({ type: "login.failed", limit: 1000 });
      expect(failures).toContainEqual({ ...event, id: expect.any(String) });
    });

    it("lists newest first, a page at a time, by the last id of the previous page", async () => {
      const userId = crypto.randomUUID();
      for (let i = 0; i < 5; i++) {
        await db().audit.record(eventOf({ userId, at: at(i), detail: { n: String(i) } }));
      }
      const first = await db().audit.list({ userId, limit: 2 });
      const second = await db().audit.list({ userId, before: first.at(-1)?.id ?? "", limit: 2 });
      const third = await db().audit.list({ userId, before: second.at(-1)?.id ?? "", limit: 2 });
      expect([...first, ...second, ...third].map((event) => event.detail.n)).toEqual([
        "4",
        "3",
        "2",
        "1",
        "0",
      ]);
      expect(await db().audit.list({ userId, before: third.at(-1)?.id ?? "", limit: 2 })).toEqual(
        [],
      );
    });

    it("filters by account and by type, together", async () => {
      const ann = crypto.randomUUID();
      const bob = crypto.randomUUID();
      const types: AuditEventType[] = ["login.succeeded", "logout", "login.succeeded"];
      for (const type of types) await db().audit.record(eventOf({ userId: ann, type }));
      await db().audit.record(eventOf({ userId: bob, type: "logout" }));
      expect(await db().audit.list({ userId: ann, limit: 10 })).toHaveLength(3);
      const annLogouts = await db().audit.list({ userId: ann, type: "logout", limit: 10 });
      expect(annLogouts.map((event) => [event.userId, event.type])).toEqual([[ann, "logout"]]);
      const logouts = await db().audit.list({ type: "logout", limit: 1000 });
      expect(logouts.every((event) => event.type === "logout")).toBe(true);
      expect(logouts.map((event) => event.userId)).toEqual(expect.arrayContaining([ann, bob]));
    });

    it("finds nothing for an id that is not a uuid", async () => {
      expect(await db().audit.list({ userId: "not-a-uuid", limit: 10 })).toEqual([]);
      expect(await db().audit.list({ before: "not-a-uuid", limit: 10 })).toEqual([]);
    });

    it("purges the events older than the cutoff, and only those", async () => {
      const userId = crypto.randomUUID();
      const longAgo = new Date("2001-01-01T00:00:00.000Z");
      await db().audit.record(eventOf({ userId, at: longAgo }));
      await db().audit.record(eventOf({ userId, at: new Date("2001-06-01T00:00:00.000Z") }));
      await db().audit.record(eventOf({ userId, at: T0 }));
      expect(await db().audit.purge(new Date("2001-03-01T00:00:00.000Z"))).toBe(1);
      const kept = await db().audit.list({ userId, limit: 10 });
      expect(kept.map((event) => event.at.toISOString())).toEqual([
        T0.toISOString(),
        "2001-06-01T00:00:00.000Z",
      ]);
    });

    it("rolls an event back with the transaction that recorded it", async () => {
      const event = eventOf();
      const failure = new Error("fn failed");
      await expect(
        db().transaction(async (tx) => {
          await tx.audit.record(event);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await db().audit.list({ userId: event.userId ?? "", limit: 10 })).toEqual([]);
    });

    it("queues the webhook to every endpoint subscribed to its type, and to no other", async () => {
      const subscribed = await endpoint(["session.created", "user.deleted"]);
      const alsoSubscribed = await endpoint(["session.created"]);
      const other = await endpoint(["user.banned"]);
      const event = eventOf();
      const payload = payloadOf("session.created", event.userId ?? "");
      expect(await db().audit.record(event, payload)).toBeGreaterThanOrEqual(2);
      for (const id of [subscribed, alsoSubscribed]) {
        const deliveries = await db().webhooks.deliveries(id, 10);
        expect(deliveries).toMatchObject([
          { endpointId: id, type: "session.created", status: "pending", attempts: 0 },
        ]);
      }
      expect(await db().webhooks.deliveries(other, 10)).toEqual([]);
      // Each endpoint gets a delivery of its own (its id is the webhook-id).
      const [a] = await db().webhooks.deliveries(subscribed, 10);
      const [b] = await db().webhooks.deliveries(alsoSubscribed, 10);
      expect(a?.id).not.toBe(b?.id);
    });

    it("rolls the webhook deliveries back with the event's transaction", async () => {
      const id = await endpoint(["user.deleted"]);
      const event = eventOf({ type: "account.deleted" });
      await expect(
        db().transaction(async (tx) => {
          expect(
            await tx.audit.record(event, payloadOf("user.deleted", event.userId ?? "")),
          ).toBeGreaterThanOrEqual(1);
          throw new Error("fn failed");
        }),
      ).rejects.toThrow("fn failed");
      expect(await db().webhooks.deliveries(id, 10)).toEqual([]);
      expect(await db().audit.list({ userId: event.userId ?? "", limit: 10 })).toEqual([]);
    });
  });
}
