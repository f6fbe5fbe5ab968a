import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../http/support/client";
import { type RealServicesApp, startRealServicesApp } from "../http/support/real-services";

const password = "correct horse battery staple";

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
    const inFlight = emails.map((email, i) =>
      call(server.url, "auth.signup", { input: { email, password }, ip: `192.0.2.${i + 1}` }),
    );
    // Argon2 makes each signup take tens of milliseconds: they are all still running.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exitCode = server.stop();
    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => answer.status)).toEqual(emails.map(() => 200));
    expect(await exitCode).toBe(0);
    expect(server.output()).toContain("stopped cleanly");
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    // The other server's worker sends whatever this one's last batch did not.
    for (const email of emails) {
      await real.resend.waitFor((message) => [message.body.to].flat().includes(email), 10_000);
    }
  });
});
