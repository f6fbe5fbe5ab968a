import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "./support/app";
import { call } from "./support/client";
import { activeAccount, type RealServicesApp, startRealServicesApp } from "./support/real-services";

const password = "correct horse battery staple";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on a loopback port: answers each request with the next status, then 200. */
async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/latch`,
    received,
    async waitFor(count: number, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`${received.length} of ${count} requests came`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * admin.webhooks.* over HTTP on the production build and real services: who
 * may call them, a secret shown once, deliveries a receiver can verify with
 * the standardwebhooks package, retries under one webhook-id, and URLs that
 * reach private addresses refused.
 */
describe("webhooks, over HTTP on real services", () => {
  let real: RealServicesApp;
  let strict: RunningApp;
  let direct: pg.Client;
  let adminToken = "";
  let userToken = "";

  const login = async (email: string) => {
    const result = await call(real.app.url, "auth.login", { input: { email, password } });
    const token = (result.data as { tokens?: { access: string } } | null)?.tokens?.access;
    if (!token) throw new Error(`login of ${email}: ${result.status} ${result.reason}`);
    return token;
  };
  const admin = (
    procedure: string,
    input?: unknown,
    { token = adminToken, app = real.app }: { token?: string; app?: RunningApp } = {},
  ) =>
    call(app.url, `admin.webhooks.${procedure}`, {
      input,
      accessToken: token,
      method: ["list", "deliveries"].includes(procedure) ? "GET" : "POST",
    });
  const deliveriesOf = async (id: string) =>
    (
      (await admin("deliveries", { id })).data as {
        deliveries: Array<{
          id: string;
          status: string;
          attempts: number;
          lastError: string | null;
        }>;
      }
    ).deliveries;

  beforeAll(async () => {
    // The loopback receivers below need private networks allowed; quick retries for the 500s.
    real = await startRealServicesApp({
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
      OUTBOX_RETRY_BASE_SECONDS: "0.3",
      OUTBOX_RETRY_MAX_SECONDS: "2",
      OUTBOX_POLL_INTERVAL_MS: "100",
    });
    // The same deployment's database and keys, with the production default; no worker of its
    // own, or it would claim (and refuse) the loopback deliveries below.
    strict = await real.startSibling({
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: "false",
      OUTBOX_WORKER: "false",
    });
    direct = new pg.Client({ connectionString: real.databaseUrl });
    await direct.connect();
    const stamp = Date.now();
    const [adminEmail, userEmail] = [
      `wh.admin.${stamp}@example.com`,
      `wh.user.${stamp}@example.com`,
    ];
    await activeAccount(real, adminEmail, password);
    await activeAccount(real, userEmail, password);
    await direct.query("UPDATE users SET role = 'admin' WHERE email = $1", [adminEmail]);
    adminToken = await login(adminEmail);
    userToken = await login(userEmail);
  });
  afterAll(async () => {
    await direct?.end();
    await real?.stop();
  });

  it("answers 401 without a session and 403 ADMIN_ONLY to an account that is not an admin", async () => {
    const create = { url: "https://hooks.example.com/", events: ["user.created"] };
    for (const [procedure, input] of [
      ["list", undefined],
      ["create", create],
    ] as const) {
      const anonymous = await call(real.app.url, `admin.webhooks.${procedure}`, {
        input,
        method: procedure === "list" ? "GET" : "POST",
      });
      expect([anonymous.status, anonymous.reason]).toEqual([401, "ACCESS_TOKEN_MISSING"]);
      const user = await admin(procedure, input, { token: userToken });
      expect([user.status, user.reason]).toEqual([403, "ADMIN_ONLY"]);
    }
    const { rows } = await direct.query("SELECT id FROM webhook_endpoints");
    expect(rows).toEqual([]);
  });

  it("shows the secret once, at creation; the list never does", async () => {
    const receiver = await startReceiver();
    try {
      const created = await admin("create", { url: receiver.url, events: ["user.created"] });
      expect(created.status).toBe(200);
      const { id, secret } = created.data as { id: string; secret: string };
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const listed = await admin("list");
      expect(listed.status).toBe(200);
      expect((listed.data as { endpoints: unknown[] }).endpoints).toContainEqual({
        id,
        url: receiver.url,
        events: ["user.created"],
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(listed.data)).not.toContain("whsec_");
      expect(JSON.stringify(listed.data)).not.toContain(secret.slice(6));
      // Sealed in PostgreSQL: the database alone does not yield the secret.
      const { rows } = await direct.query("SELECT * FROM webhook_endpoints WHERE id = $1", [id]);
      expect(JSON.stringify(rows)).not.toContain(secret.slice(6));
      expect((await admin("delete", { id })).data).toEqual({ status: "deleted" });
      expect((await admin("delete", { id })).reason).toBe("WEBHOOK_NOT_FOUND");
    } finally {
      await receiver.close();
    }
  });

  it("delivers a test payload whose signature verifies with the standardwebhooks package", async () => {
    const receiver = await startReceiver();
    try {
      const created = await admin("create", { url: receiver.url, events: ["user.created"] });
      const { id, secret } = created.data as { id: string; secret: string };
      const tested = await admin("test", { id });
      expect(tested.status).toBe(200);
      const { deliveryId } = tested.data as { deliveryId: string };
      const [request] = await receiver.waitFor(1);
      const headers = request?.headers as Record<string, string>;
      expect(headers["webhook-id"]).toBe(deliveryId);
      const payload = new Webhook(secret).verify(request?.body ?? "", headers);
      expect(payload).toEqual({
        type: "webhook.test",
        timestamp: expect.any(String),
        data: { endpointId: id },
      });
      await expect
        .poll(() => deliveriesOf(id))
        .toEqual([expect.objectContaining({ id: deliveryId, status: "sent", attempts: 1 })]);
    } finally {
      await receiver.close();
    }
  });

  it("retries a receiver that answers 500 twice with the same webhook-id, and the delivery shows sent after 3 attempts", async () => {
    const receiver = await startReceiver([500, 500]);
    try {
      const created = await admin("create", { url: receiver.url, events: ["session.revoked"] });
      const { id, secret } = created.data as { id: string; secret: string };
      const { deliveryId } = (await admin("test", { id })).data as { deliveryId: string };
      const requests = await receiver.waitFor(3);
      expect(requests.map((request) => request.headers["webhook-id"])).toEqual([
        deliveryId,
        deliveryId,
        deliveryId,
      ]);
      // Each attempt is signed anew, and each signature verifies.
      for (const request of requests) {
        expect(() =>
          new Webhook(secret).verify(request.body, request.headers as Record<string, string>),
        ).not.toThrow();
      }
      await expect
        .poll(() => deliveriesOf(id))
        .toEqual([expect.objectContaining({ id: deliveryId, status: "sent", attempts: 3 })]);
    } finally {
      await receiver.close();
    }
  });

  it("refuses URLs that reach loopback, link-local or metadata addresses by default", async () => {
    for (const url of [
      "http://127.0.0.1:8080/",
      "http://localhost/",
      "http://169.254.169.254/",
      "http://[::1]/",
    ]) {
      const refused = await admin("create", { url, events: ["user.created"] }, { app: strict });
      expect([refused.status, refused.reason], url).toEqual([400, "WEBHOOK_URL_REFUSED"]);
    }
  });

  it("answers 404 WEBHOOK_NOT_FOUND for an endpoint that does not exist", async () => {
    const id = "0190a0a0-0000-7000-8000-000000000999";
    for (const procedure of ["test", "deliveries", "delete"]) {
      const missing = await admin(procedure, { id });
      expect([missing.status, missing.reason], procedure).toEqual([404, "WEBHOOK_NOT_FOUND"]);
    }
  });

  // Last: it stops the lenient server, so that only a server on the production default delivers.
  it("checks the address again at delivery: a delivery to an address now refused is dead, and nothing is posted", async () => {
    const receiver = await startReceiver();
    try {
      const loopback = receiver.url.replace("127.0.0.1", "localhost");
      const created = await admin("create", { url: loopback, events: ["user.created"] });
      const { id } = created.data as { id: string };
      await real.app.stop();
      const deliverer = await real.startSibling({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "false" });
      const { deliveryId } = (await admin("test", { id }, { app: deliverer })).data as {
        deliveryId: string;
      };
      const deliveries = () =>
        admin("deliveries", { id }, { app: deliverer }).then(
          (result) => (result.data as { deliveries: unknown[] }).deliveries,
        );
      await expect.poll(deliveries, { timeout: 10_000 }).toEqual([
        expect.objectContaining({
          id: deliveryId,
          status: "dead",
          attempts: 1,
          lastError: expect.stringMatching(/localhost: .*not a public address/),
        }),
      ]);
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
