import { describe, expect, it } from "vitest";
import { deliverDueNotices } from "../notices/deliver-notices";
import { createHarness, type Harness, meta, reasonOf } from "../test-harness";
import type { AdminCaller } from "./require-admin";
import { openWebhookSecret } from "./webhook-secret";
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  testWebhook,
} from "./webhooks";

const url = "https://hooks.example.com/latch?token=receiver-own";

async function asAdmin(h: Harness): Promise<AdminCaller> {
  await h.activeUser("root@example.com");
  const admin = await h.deps.db.users.setRole("root@example.com", "admin");
  if (!admin) throw new Error("no admin");
  return { admin, meta };
}

const adminEvents = async (h: Harness) =>
  (await h.deps.db.audit.list({ limit: 50 })).filter((event) => event.type.startsWith("admin."));

describe("admin webhooks", () => {
  it("creates an endpoint whose secret is shown once and kept only sealed", async () => {
    const h = await createHarness();
    const caller = await asAdmin(h);
    const { id, secret } = await createWebhook(h.deps, caller, {
      url,
      events: ["user.created", "user.created", "session.revoked"],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const stored = await h.deps.db.webhooks.find(id);
    expect(stored).toMatchObject({ url, events: ["user.created", "session.revoked"] });
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
    expect(openWebhookSecret(h.deps.secret, id, stored?.encryptedSecret ?? "")).toBe(secret);
    // Sealed for this endpoint: it does not open as another's.
    expect(() =>
      openWebhookSecret(h.deps.secret, "other", stored?.encryptedSecret ?? ""),
    ).toThrow();
    const listed = await listWebhooks(h.deps, caller);
    expect(listed).toEqual({
      endpoints: [
        { id, url, events: ["user.created", "session.revoked"], createdAt: expect.any(String) },
      ],
    });
    expect(JSON.stringify(listed)).not.toContain("whsec_");
  });

  it("creates, tests and deletes together with the audit entry, or not at all", async () => {
    const h = await createHarness();
    const caller = await asAdmin(h);
    h.failNextCommit();
    expect(await reasonOf(createWebhook(h.deps, caller, { url, events: ["user.created"] }))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect(await h.deps.db.webhooks.list()).toEqual([]);
    expect(await adminEvents(h)).toEqual([]);

    const { id } = await createWebhook(h.deps, caller, { url, events: ["user.created"] });
    h.failNextCommit();
    expect(await reasonOf(testWebhook(h.deps, caller, { id }))).toBe("SERVICE_UNAVAILABLE");
    expect(await h.deps.db.webhooks.deliveries(id, 10)).toEqual([]);
    h.failNextCommit();
    expect(await reasonOf(deleteWebhook(h.deps, caller, { id }))).toBe("SERVICE_UNAVAILABLE");
    expect(await h.deps.db.webhooks.find(id)).not.toBeNull();
    expect((await adminEvents(h)).map((event) => event.type)).toEqual(["admin.webhook.created"]);
  });

  it("refuses a URL the sender's check refuses, and creates nothing", async () => {
    const h = await createHarness();
    const caller = await asAdmin(h);
    h.webhooks.refused.add("internal.example.com");
    expect(
      await reasonOf(
        createWebhook(h.deps, caller, {
          url: "https://internal.example.com/",
          events: ["user.created"],
        }),
      ),
    ).toBe("WEBHOOK_URL_REFUSED");
    expect(await h.deps.db.webhooks.list()).toEqual([]);
  });

  it("tests an endpoint with a webhook.test payload, and shows the delivery's status", async () => {
    const h = await createHarness();
    const caller = await asAdmin(h);
    const { id, secret } = await createWebhook(h.deps, caller, { url, events: ["user.created"] });
    const wakes = h.wakes();
    const { deliveryId } = await testWebhook(h.deps, caller, { id });
    expect(h.wakes()).toBe(wakes + 1);
    await deliverDueNotices(h.deps);
    expect(h.posted).toEqual([
      expect.objectContaining({
        id: deliveryId,
        url,
        secret,
        payload: { type: "webhook.test", timestamp: expect.any(String), data: { endpointId: id } },
      }),
    ]);
    expect(await listWebhookDeliveries(h.deps, caller, { id })).toEqual({
      deliveries: [
        {
          id: deliveryId,
          type: "webhook.test",
          status: "sent",
          attempts: 1,
          lastError: null,
          createdAt: expect.any(String),
          finishedAt: expect.any(String),
        },
      ],
    });
  });

  it("deletes an endpoint; then it is not found for anything", async () => {
    const h = await createHarness();
    const caller = await asAdmin(h);
    const { id } = await createWebhook(h.deps, caller, { url, events: ["user.created"] });
    expect(await deleteWebhook(h.deps, caller, { id })).toEqual({ status: "deleted" });
    expect((await listWebhooks(h.deps, caller)).endpoints).toEqual([]);
    for (const call of [deleteWebhook, testWebhook, listWebhookDeliveries]) {
      expect(await reasonOf(call(h.deps, caller, { id }))).toBe("WEBHOOK_NOT_FOUND");
    }
  });

  it("audits every call with the admin as its actor and no user, never the secret or the URL's path", async () => {
    const h = await createHarness();
    const caller = await asAdmin(h);
    const { id, secret } = await createWebhook(h.deps, caller, { url, events: ["user.created"] });
    await listWebhooks(h.deps, caller);
    await testWebhook(h.deps, caller, { id });
    await listWebhookDeliveries(h.deps, caller, { id });
    await deleteWebhook(h.deps, caller, { id });
    const events = await adminEvents(h);
    expect(events.map((event) => event.type).reverse()).toEqual([
      "admin.webhook.created",
      "admin.webhook.listed",
      "admin.webhook.tested",
      "admin.webhook.listed",
      "admin.webhook.deleted",
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ userId: null, actorId: caller.admin.id, userAgent: "vitest" });
      expect(event.detail.endpointId ?? event.detail.deliveriesOf ?? id).toBe(id);
    }
    expect(events.at(-1)?.detail).toMatchObject({
      host: "hooks.example.com",
      events: "user.created",
    });
    expect(JSON.stringify(events)).not.toContain(secret.slice(6));
    expect(JSON.stringify(events)).not.toContain("receiver-own");
  });
});
