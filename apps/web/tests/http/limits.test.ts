import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallResult, call } from "./support/client";
import {
  nthActivationKey,
  type RealServicesApp,
  startRealServicesApp,
} from "./support/real-services";

const password = "correct horse battery staple";
let addressCounter = 0;
/** A fresh documentation-range client address per use, so tests never share a bucket. */
const nextIp = () => `192.0.2.${++addressCounter}`;

const count = (results: CallResult[], status: number) =>
  results.filter((result) => result.status === status).length;

function expectRateLimited(result: CallResult | undefined, maxSeconds: number) {
  expect(result?.status).toBe(429);
  expect(result?.reason).toBe("RATE_LIMITED");
  expect(result?.error?.data?.code).toBe("TOO_MANY_REQUESTS");
  const retryAfter = Number(result?.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

describe("limits that hold under batching and concurrency, over HTTP on real services", () => {
  let real: RealServicesApp;
  const url = () => real.app.url;
  const email = `limited.${Date.now()}@example.com`;
  const login = (address: string, pass: string, ip: string) =>
    call(url(), "auth.login", { input: { email: address, password: pass }, ip });

  async function activeAccount(address: string) {
    const ip = nextIp();
    await call(url(), "auth.signup", { input: { email: address, password }, ip });
    const key = await nthActivationKey(real, address, 1);
    const activated = await call(url(), "auth.activate", { input: { key, password }, ip });
    expect(activated.status).toBe(200);
    return address;
  }

  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true" });
    await activeAccount(email);
  });
  afterAll(() => real?.stop());

  it("counts each opened key link against the client's key-check limit, as activation does", async () => {
    const ip = nextIp();
    const open = (key: string) =>
      fetch(`${url()}/activate/${key}`, { headers: { "x-forwarded-for": ip } }).then(
        async (response) => ({ status: response.status, body: await response.text() }),
      );
    // KEY_CHECKS_PER_CLIENT_PER_MINUTE is 30 by default: the pages spend them all.
    for (let i = 0; i < 30; i++) {
      expect((await open("A".repeat(31) + String.fromCharCode(65 + (i % 26)))).body).toContain(
        "This link is not valid",
      );
    }
    expectRateLimited(
      await call(url(), "auth.activate", { input: { key: "B".repeat(32), password }, ip }),
      60,
    );
    const refused = await open("C".repeat(32));
    expect(refused.body).toContain("Too many attempts");
  });

  it("evaluates at most 30 of 50 parallel link inspections from one client", async () => {
    const ip = nextIp();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(url(), "session.inspectLink", {
          method: "GET",
          input: {
            purpose: "activation",
            key: `${"D".repeat(31)}${String.fromCharCode(65 + (i % 26))}`,
          },
          ip,
        }),
      ),
    );
    const limited = results.filter((result) => result.reason === "RATE_LIMITED");
    expect(results.length - limited.length).toBe(30);
    for (const result of limited) expect(result.status).toBe(429);
  });

  it("refuses a batch of 50 logins whole, the right password included: no tokens", async () => {
    const calls = Array.from({ length: 50 }, (_, i) => ({
      email,
      password: i === 49 ? password : `guess number ${i}`,
    }));
    const body = Object.fromEntries(calls.map((input, i) => [String(i), input]));
    const response = await fetch(
      `${url()}/api/trpc/${calls.map(() => "auth.login").join(",")}?batch=1`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": nextIp() },
        body: JSON.stringify(body),
      },
    );
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text).error.data.reason).toBe("BATCH_NOT_ALLOWED");
    expect(text).not.toMatch(/eyJ|tokens/);
  });

  it("refuses a batch of signups, and a batch of 1000 queries", async () => {
    const signups = await fetch(`${url()}/api/trpc/auth.signup,auth.signup?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        0: { email: `batched.a.${Date.now()}@example.com`, password },
        1: { email: `batched.b.${Date.now()}@example.com`, password },
      }),
    });
    expect(signups.status).toBe(400);
    const queries = await fetch(
      `${url()}/api/trpc/${Array.from({ length: 1000 }, () => "auth.me").join(",")}?batch=1`,
    );
    expect(queries.status).toBe(400);
    expect((await queries.json()).error.data.reason).toBe("BATCH_NOT_ALLOWED");
  });

  it("evaluates at most ten of thirty parallel wrong guesses from one client", async () => {
    const target = await activeAccount(`parallel.${Date.now()}@example.com`);
    const ip = nextIp();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(target, `parallel guess ${i}`, ip)),
    );
    expect(results.filter((r) => r.reason === "INVALID_CREDENTIALS")).toHaveLength(10);
    expect(count(results, 429)).toBe(20);
    for (const refused of results.filter((r) => r.status === 429)) expectRateLimited(refused, 900);
  });

  it("stops a client trying 60 addresses in a second at 20, while another client logs in", async () => {
    const sprayer = nextIp();
    const spray = Promise.all(
      Array.from({ length: 60 }, (_, i) => login(`sprayed.${i}@example.com`, "guess!!!", sprayer)),
    );
    const bystander = login(email, password, nextIp());
    const [sprayed, other] = await Promise.all([spray, bystander]);
    expect(count(sprayed, 401)).toBe(20);
    expect(count(sprayed, 429)).toBe(40);
    expectRateLimited(
      sprayed.find((r) => r.status === 429),
      60,
    );
    expect(other.status).toBe(200);
  });

  it("never locks the owner out for an attacker's ten failures", async () => {
    const owner = await activeAccount(`owner.${Date.now()}@example.com`);
    const attacker = nextIp();
    for (let i = 0; i < 10; i++) {
      expect((await login(owner, `attacker guess ${i}`, attacker)).reason).toBe(
        "INVALID_CREDENTIALS",
      );
    }
    expectRateLimited(await login(owner, password, attacker), 900);
    expect((await login(owner, password, nextIp())).status).toBe(200);
  });

  it("counts an IPv6 client by its /64", async () => {
    const results: CallResult[] = [];
    for (let i = 0; i < 20; i++) {
      results.push(await login(`v6.${i}@example.com`, "guess!!!", `2001:db8:7:7::${i + 1}`));
    }
    expect(count(results, 401)).toBe(20);
    expectRateLimited(await login("v6.last@example.com", "guess!!!", "2001:db8:7:7:ffff::1"), 60);
    expect((await login("v6.other@example.com", "guess!!!", "2001:db8:7:8::1")).status).toBe(401);
  });

  it("allows a client ten signups an hour", async () => {
    const ip = nextIp();
    const results: CallResult[] = [];
    for (let i = 0; i < 11; i++) {
      results.push(
        await call(url(), "auth.signup", {
          input: { email: `many.${i}.${Date.now()}@example.com`, password },
          ip,
        }),
      );
    }
    expect(count(results, 200)).toBe(10);
    expectRateLimited(results[10], 3600);
    const elsewhere = await call(url(), "auth.signup", {
      input: { email: `elsewhere.${Date.now()}@example.com`, password },
      ip: nextIp(),
    });
    expect(elsewhere.status).toBe(200);
  });

  it("allows a client ten reset requests and ten activation resends an hour", async () => {
    for (const procedure of ["auth.requestPasswordReset", "auth.resendActivation"]) {
      const ip = nextIp();
      const results: CallResult[] = [];
      for (let i = 0; i < 11; i++) {
        results.push(await call(url(), procedure, { input: { email: `x${i}@example.com` }, ip }));
      }
      expect(count(results, 200)).toBe(10);
      expectRateLimited(results[10], 3600);
    }
  });

  it("allows a client thirty key checks a minute", async () => {
    const ip = nextIp();
    const key = (i: number) => `${"K".repeat(28)}${String(i).padStart(4, "0")}`;
    const results = await Promise.all(
      Array.from({ length: 31 }, (_, i) =>
        call(url(), "auth.resetPassword", { input: { key: key(i), password }, ip }),
      ),
    );
    expect(results.filter((r) => r.reason === "RESET_KEY_INVALID")).toHaveLength(30);
    expectRateLimited(
      results.find((r) => r.status === 429),
      60,
    );
  });
});

describe("the global email budget, over HTTP on real services", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true", EMAIL_BUDGET_PER_HOUR: "3" });
  });
  afterAll(() => real?.stop());

  it("sends nothing over the budget, answers as usual, and says so loudly in the log", async () => {
    const answers: CallResult[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        await call(real.app.url, "auth.signup", {
          input: { email: `budget.${i}.${Date.now()}@example.com`, password },
          ip: nextIp(),
        }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    await real.app.waitForOutput(/EMAIL_BUDGET_EXHAUSTED/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(real.resend.received()).toHaveLength(3);
  });
});
