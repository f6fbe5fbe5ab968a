import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebhookRefused } from "@latch/auth/ports";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import type { Resolve } from "./resolve";
import { createWebhookSender } from "./sender";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((done) => server.close(done));
    }),
  );
});

/** A receiver on a loopback port that answers each request with the next status (200 after). */
async function receiver(statuses: number[] = [], extra: Record<string, string> = {}) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      if (statuses[0] === 0) return; // never answers
      response.writeHead(statuses.shift() ?? 200, extra).end("ok");
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { received, port: (server.address() as AddressInfo).port };
}

const secret = `whsec_${randomBytes(32).toString("base64")}`;
const payload = {
  type: "user.created" as const,
  timestamp: "2026-12-06T22:00:00.000Z",
  data: { userId: "0190a0a0-0000-7000-8000-000000000001" },
};
const message = (url: string) => ({
  id: "0190a0a0-0000-7000-8000-0000000000d1",
  url,
  secret,
  payload,
});

describe("the webhook sender", () => {
  it("posts the payload signed per Standard Webhooks, verifiable with the standardwebhooks package", async () => {
    const { received, port } = await receiver();
    const sender = createWebhookSender({ timeoutMs: 2000, allowPrivateNetworks: true });
    const at = new Date();
    await sender.send(message(`http://127.0.0.1:${port}/hook`), at);
    const [request] = received;
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": "0190a0a0-0000-7000-8000-0000000000d1",
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    });
    expect(JSON.parse(request?.body ?? "")).toEqual(payload);
    const headers = request?.headers as Record<string, string>;
    expect(new Webhook(secret).verify(request?.body ?? "", headers)).toEqual(payload);
    const other = `whsec_${randomBytes(32).toString("base64")}`;
    expect(() => new Webhook(other).verify(request?.body ?? "", headers)).toThrow();
  });

  it("fails an attempt the receiver answers with anything but 2xx", async () => {
    const { port } = await receiver([500]);
    const sender = createWebhookSender({ timeoutMs: 2000, allowPrivateNetworks: true });
    await expect(sender.send(message(`http://127.0.0.1:${port}/`), new Date())).rejects.toThrow(
      "receiver answered 500",
    );
  });

  it("does not follow a redirect", async () => {
    const target = await receiver();
    const { port } = await receiver([307], { location: `http://127.0.0.1:${target.port}/` });
    const sender = createWebhookSender({ timeoutMs: 2000, allowPrivateNetworks: true });
    await expect(sender.send(message(`http://127.0.0.1:${port}/`), new Date())).rejects.toThrow(
      "receiver answered 307 (redirects are not followed)",
    );
    expect(target.received).toEqual([]);
  });

  it("gives an attempt up at its deadline", async () => {
    const { port } = await receiver([0]);
    const sender = createWebhookSender({ timeoutMs: 200, allowPrivateNetworks: true });
    const started = Date.now();
    await expect(sender.send(message(`http://127.0.0.1:${port}/`), new Date())).rejects.toThrow(
      "no answer within 200 ms",
    );
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("refuses at delivery a host that resolves to a private address now, and posts nothing", async () => {
    const { received, port } = await receiver();
    const resolve: Resolve = async () => [{ address: "127.0.0.1", family: 4 }];
    const sender = createWebhookSender({ timeoutMs: 2000, allowPrivateNetworks: false, resolve });
    await expect(
      sender.send(message(`http://hooks.example.com:${port}/`), new Date()),
    ).rejects.toBeInstanceOf(WebhookRefused);
    expect(received).toEqual([]);
  });

  it("connects to the address it checked, with no second lookup", async () => {
    const { received, port } = await receiver();
    let lookups = 0;
    const resolve: Resolve = async () => {
      lookups++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const sender = createWebhookSender({ timeoutMs: 2000, allowPrivateNetworks: true, resolve });
    // receiver.invalid resolves nowhere but through `resolve`: a second lookup would fail.
    await sender.send(message(`http://receiver.invalid:${port}/`), new Date());
    expect(lookups).toBe(1);
    expect(received[0]?.headers.host).toBe(`receiver.invalid:${port}`);
  });

  it("checks a URL for creation without posting to it", async () => {
    const sender = createWebhookSender({ timeoutMs: 2000, allowPrivateNetworks: false });
    for (const url of [
      "http://127.0.0.1:9/",
      "http://localhost/",
      "http://169.254.169.254/",
      "http://[::1]/",
    ]) {
      expect(await sender.checkUrl(url), url).toMatchObject({ allowed: false });
    }
    const lenient = createWebhookSender({ timeoutMs: 2000, allowPrivateNetworks: true });
    expect(await lenient.checkUrl("http://127.0.0.1:9/")).toEqual({ allowed: true });
    expect(await lenient.checkUrl("http://169.254.169.254/")).toMatchObject({ allowed: false });
  });

  it("gives up on a creation's DNS lookup at the deadline instead of hanging the request", async () => {
    const hanging = () => new Promise<never>(() => {});
    const sender = createWebhookSender({
      timeoutMs: 100,
      allowPrivateNetworks: false,
      resolve: hanging,
    });
    expect(await sender.checkUrl("https://receiver.example/hook")).toEqual({
      allowed: false,
      reason: "no answer within 100 ms",
    });
  });
});
