import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RealServicesApp, startRealServicesApp } from "../http/support/real-services";

const password = "correct horse battery staple";

/** One request over `agent`; resolves to its status, rejects if the connection is cut. */
function send(agent: Agent, url: string, path: string, body?: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${url}${path}`,
      {
        agent,
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.7" },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/**
 * SIGTERM, as an orchestrator sends it before it replaces a server: the
 * requests in flight finish, their emails are not lost, no new connection is
 * taken, and the process exits 0.
 */
describe("graceful shutdown of the production server", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true", RATE_LIMIT_SCALE: "100" });
  });
  afterAll(() => real?.stop());

  it("finishes the signups in flight, sends their emails, refuses new connections and exits 0", async () => {
    const server = await real.startSibling();
    const stamp = Date.now();
    const emails = Array.from({ length: 8 }, (_, i) => `term.${i}.${stamp}@example.com`);
    // Eight connections the server has accepted (a connection still in the kernel's accept
    // queue when the listener closes is refused, as by any server: it was never taken).
    const agent = new Agent({ keepAlive: true, maxSockets: emails.length });
    await Promise.all(emails.map(() => send(agent, server.url, "/api/health")));
    const inFlight = emails.map((email) =>
      send(agent, server.url, "/api/trpc/auth.signup", { email, password }),
    );
    // Argon2 makes each signup take tens of milliseconds: they are all still running.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exitCode = server.stop();
    expect(await Promise.all(inFlight)).toEqual(emails.map(() => 200));
    agent.destroy();
    expect(await exitCode).toBe(0);
    expect(server.output()).toContain("stopped cleanly");
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    // The other server's worker sends whatever this one's last batch did not.
    for (const email of emails) {
      await real.resend.waitFor((message) => [message.body.to].flat().includes(email), 10_000);
    }
  });
});
