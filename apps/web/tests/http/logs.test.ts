import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/client";
import {
  nthActivationKey,
  type RealServicesApp,
  startRealServicesApp,
} from "./support/real-services";

const password = "a password nobody should ever log 7731";
const newPassword = "another secret phrase 4410 nobody logs";

/**
 * The server's logs are JSON lines (pino) that follow each request by the id
 * it returns in X-Request-Id, and never hold a password, a token, a one-time
 * key or a configured secret: a whole journey is run and its log searched.
 */
describe("structured logs without secrets", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true" });
  });
  afterAll(() => real?.stop());

  it("starts one set of services per process: the Node server and the pages share it", async () => {
    // A page and the API both in use, so every part of the process has asked for its services.
    expect((await fetch(`${real.app.url}/login`)).status).toBe(200);
    expect((await fetch(`${real.app.url}/api/trpc/session.current`)).status).toBe(200);
    const ready = real.app
      .output()
      .split("\n")
      .filter((line) => line.includes('"msg":"ready"'));
    expect(ready).toHaveLength(1);
  });

  it("logs a full journey with request ids and none of its secrets", async () => {
    const url = real.app.url;
    const email = `logged.${Date.now()}@example.com`;
    const secrets: string[] = [password, newPassword, "re_test_key", "bridge-token"];

    const signup = await call(url, "auth.signup", { input: { email, password } });
    const requestId = signup.headers.get("x-request-id") ?? "";
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const key = await nthActivationKey(real, email, 1);
    secrets.push(key);
    const activated = await call(url, "auth.activate", { input: { key, password } });
    const tokens = (activated.data as { tokens: { access: string; refresh: string } }).tokens;
    secrets.push(tokens.access, tokens.refresh);
    const refreshed = await call(url, "auth.refresh", { input: { refresh: tokens.refresh } });
    const next = (refreshed.data as { tokens: { access: string; refresh: string } }).tokens;
    secrets.push(next.access, next.refresh);
    // A caller's own request id is kept, so one request can be followed across services.
    const followed = await call(url, "auth.me", {
      method: "GET",
      accessToken: next.access,
      requestId: "upstream-7f3a9c21",
    });
    expect(followed.headers.get("x-request-id")).toBe("upstream-7f3a9c21");
    await call(url, "auth.login", { input: { email, password: "a wrong password, also secret" } });
    secrets.push("a wrong password, also secret");
    await call(url, "auth.requestPasswordReset", { input: { email } });
    const resetLink = await real.linkFor(email, /\/reset-password\/([A-Za-z0-9_-]{32})/);
    const resetKey = resetLink.split("/").at(-1) ?? "";
    secrets.push(resetKey);
    await call(url, "auth.resetPassword", { input: { key: resetKey, password: newPassword } });
    // Let the "password changed" email go out (and be logged, if it were).
    await real.resend.waitFor(
      (m) => (m.body.tags as { value: string }[])?.[0]?.value === "password_changed",
    );

    const output = real.app.output();
    for (const secret of secrets) {
      expect(output.includes(secret), `the log holds a secret (${secret.slice(0, 6)}…)`).toBe(
        false,
      );
    }
    const lines = output.split("\n").filter((line) => line.trim().startsWith("{"));
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((entry) => entry.msg === "request");
    expect(requests.find((entry) => entry.requestId === requestId)).toMatchObject({
      method: "POST",
      procedure: "auth.signup",
      status: 200,
    });
    expect(requests.find((entry) => entry.requestId === "upstream-7f3a9c21")).toMatchObject({
      procedure: "auth.me",
      status: 200,
    });
    expect(requests.find((entry) => entry.procedure === "auth.login")).toMatchObject({
      status: 401,
      reason: "INVALID_CREDENTIALS",
    });
  });
});
