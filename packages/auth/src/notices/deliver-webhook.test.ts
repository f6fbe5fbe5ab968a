import { describe, expect, it } from "vitest";
import { newWebhookSecret } from "../admin/webhook-secret";
import type { WebhookPayload } from "../ports/audit";
import { WebhookRefused } from "../ports/webhooks";
import { createHarness, type Harness } from "../test-harness";
import { deliverDueNotices } from "./deliver-notices";

const payload: WebhookPayload = {
  type: "user.created",
  timestamp: "2026-03-01T12:00:00.000Z",
  data: { userId: "0190a0a0-0000-7000-8000-000000000001" },
};

/** An endpoint and one delivery queued to it; returns the delivery's (outbox entry's) id. */
async function queuedDelivery(h: Harness) {
  const id = "0190a0a0-0000-7000-8000-0000000000e1";
  const { secret, encryptedSecret } = newWebhookSecret(h.deps.secret, id, h.deps.random);
  await h.deps.db.webhooks.create({
    id,
    url: "https://hooks.example.com/latch",
    events: ["user.created"],
    encryptedSecret,
    createdAt: h.deps.clock.now(),
  });
  const deliveryId = await h.deps.db.webhooks.queue(id, payload, h.deps.clock.now());
  return { endpointId: id, secret, deliveryId };
}

/** Runs the worker at each due time until nothing is pending; returns the passes that claimed. */
async function runUntilFinished(h: Harness) {
  let passes = 0;
  while ((await h.deps.db.outbox.stats(h.deps.clock.now())).pending > 0) {
    if ((await deliverDueNotices(h.deps)).claimed > 0) passes++;
    h.advance(1);
  }
  return passes;
}

const statusOf = async (h: Harness, endpointId: string) =>
  (await h.deps.db.webhooks.deliveries(endpointId, 10))[0];

describe("the outbox worker's webhooks", () => {
  it("posts the payload with the endpoint's secret, the entry's id and the attempt's time", async () => {
    const h = await createHarness();
    const { endpointId, secret, deliveryId } = await queuedDelivery(h);
    h.advance(3);
    expect(await deliverDueNotices(h.deps)).toMatchObject({ claimed: 1, sent: 1 });
    expect(h.posted).toEqual([
      {
        id: deliveryId,
        url: "https://hooks.example.com/latch",
        secret,
        payload,
        at: h.deps.clock.now(),
      },
    ]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await statusOf(h, endpointId)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("never takes from the email budget, and is sent while the budget is spent", async () => {
    const h = await createHarness();
    await queuedDelivery(h);
    const taken: string[] = [];
    h.deps.limiter.take = async (rule) => {
      taken.push(rule.name);
      return { allowed: false, retryAfterSeconds: 3600 };
    };
    expect(await deliverDueNotices(h.deps)).toMatchObject({ claimed: 1, sent: 1 });
    expect(taken).toEqual([]);
  });

  it("drops a delivery whose endpoint was deleted while it waited", async () => {
    const h = await createHarness();
    const { endpointId } = await queuedDelivery(h);
    h.deps.db.webhooks.find = async () => null;
    expect(await deliverDueNotices(h.deps)).toMatchObject({ claimed: 1, dropped: 1 });
    expect(h.posted).toEqual([]);
    expect(await statusOf(h, endpointId)).toMatchObject({ status: "dropped" });
  });

  it("retries a failed post with the same webhook-id and a new timestamp, within seconds at first", async () => {
    const h = await createHarness();
    const { endpointId, deliveryId } = await queuedDelivery(h);
    const send = h.webhooks.send;
    let answers = 0;
    h.webhooks.send = async (message, at) => {
      answers++;
      if (answers <= 2) throw new Error("receiver answered 500");
      return send(message, at);
    };
    const started = h.deps.clock.now().getTime();
    expect(await runUntilFinished(h)).toBe(3);
    expect(h.posted.map((post) => post.id)).toEqual([deliveryId]);
    // Backoff base 10 s: the two retries came within about 10 + 20 s.
    expect((h.posted[0]?.at.getTime() ?? 0) - started).toBeLessThanOrEqual(32_000);
    expect(await statusOf(h, endpointId)).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("gives up after the outbox's maximum attempts and keeps the delivery as dead", async () => {
    const h = await createHarness();
    const { endpointId } = await queuedDelivery(h);
    h.webhooks.fail = new Error("receiver answered 503");
    expect(await runUntilFinished(h)).toBe(h.deps.policy.outbox.maxAttempts);
    expect(await statusOf(h, endpointId)).toMatchObject({
      status: "dead",
      attempts: h.deps.policy.outbox.maxAttempts,
      lastError: "receiver answered 503",
    });
  });

  it("gives up at once on an endpoint whose host now resolves to a refused address", async () => {
    const h = await createHarness();
    const { endpointId } = await queuedDelivery(h);
    h.webhooks.fail = new WebhookRefused("hooks.example.com resolves to 10.0.0.7 (private)");
    expect(await deliverDueNotices(h.deps)).toMatchObject({ claimed: 1, dead: 1 });
    expect(await statusOf(h, endpointId)).toMatchObject({ status: "dead", attempts: 1 });
  });
});
