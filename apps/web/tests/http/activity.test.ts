import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RealServicesApp, startRealServicesApp } from "./support/real-services";

const password = "correct horse battery staple";
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

interface Activity {
  events: { id: string; at: string; type: string; device: string | null; ip: string | null }[];
  nextCursor: string | null;
}

/** The audit trail as its owner reads it: signup, activation, logins, a refused password, "This wasn't me". */
describe("auth.activity on real PostgreSQL, Redis and Resend", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp({ TRUST_PROXY: "true" });
  });
  afterAll(() => real?.stop());

  /** One procedure from a given browser and address (behind the trusted proxy). */
  async function send(
    procedure: string,
    options: { input?: unknown; token?: string; ua?: string; ip?: string; query?: boolean },
  ) {
    const query = options.query
      ? `?input=${encodeURIComponent(JSON.stringify(options.input ?? {}))}`
      : "";
    const response = await fetch(`${real.app.url}/api/trpc/${procedure}${query}`, {
      method: options.query ? "GET" : "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": options.ua ?? "node",
        "x-forwarded-for": options.ip ?? "198.51.100.1",
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.query ? {} : { body: JSON.stringify(options.input ?? {}) }),
    });
    const body = (await response.json()) as {
      result?: { data: unknown };
      error?: { data: { reason: string } };
    };
    return { status: response.status, data: body.result?.data, reason: body.error?.data.reason };
  }

  const tokensOf = (data: unknown) =>
    (data as { tokens: { access: string; refresh: string } }).tokens;

  async function activity(token: string, cursor?: string): Promise<Activity> {
    const answer = await send("auth.activity.list", {
      token,
      query: true,
      input: cursor ? { cursor } : {},
    });
    expect(answer.status).toBe(200);
    return answer.data as Activity;
  }

  async function activeAccount(email: string) {
    const from = { ua: FIREFOX, ip: "203.0.113.7" };
    expect((await send("auth.signup", { input: { email, password }, ...from })).status).toBe(200);
    const key = (await real.linkFor(email, /\/activate\/[A-Za-z0-9_-]{32}/)).split("/").pop();
    const activated = await send("auth.activate", { input: { key, password }, ...from });
    expect(activated.status).toBe(200);
    return tokensOf(activated.data);
  }

  it("shows signup, activation, a refused password and a login, newest first, with device and coarse address", async () => {
    const email = `activity.${Date.now()}@example.com`;
    await activeAccount(email);
    const phone = { ua: IPHONE, ip: "2001:db8:abcd:12:34::1" };
    const refused = await send("auth.login", { input: { email, password: "not it" }, ...phone });
    expect(refused.reason).toBe("INVALID_CREDENTIALS");
    const login = await send("auth.login", { input: { email, password }, ...phone });
    const { events, nextCursor } = await activity(tokensOf(login.data).access);

    expect(events.map((event) => event.type)).toEqual([
      "login.succeeded",
      "login.failed",
      "login.succeeded",
      "user.activated",
      "user.signed_up",
    ]);
    expect(nextCursor).toBeNull();
    expect(events[0]).toMatchObject({
      device: "Mobile Safari · iOS",
      ip: "2001:db8:abcd::/48",
    });
    expect(events[4]).toMatchObject({ device: "Firefox · Windows", ip: "203.0.113.0/24" });
    const times = events.map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Nothing but what the page shows: no user agent, no detail with ids.
    expect(Object.keys(events[0] ?? {}).sort()).toEqual([
      "at",
      "byAdmin",
      "device",
      "id",
      "ip",
      "type",
    ]);
  });

  it("pages by twenty: the cursor gives the older events, none twice", async () => {
    const email = `paging.${Date.now()}@example.com`;
    let access = (await activeAccount(email)).access;
    for (let i = 0; i < 20; i++) {
      const login = await send("auth.login", {
        input: { email, password },
        ip: `192.0.2.${i + 1}`,
      });
      expect(login.status).toBe(200);
      access = tokensOf(login.data).access;
    }
    const first = await activity(access);
    expect(first.events).toHaveLength(20);
    expect(first.nextCursor).toBe(first.events[19]?.id);
    const second = await activity(access, first.nextCursor ?? "");
    // The twenty password logins fill the first page; the activation's three events follow.
    expect(first.events.every((event) => event.type === "login.succeeded")).toBe(true);
    expect(second.events.map((event) => event.type)).toEqual([
      "login.succeeded",
      "user.activated",
      "user.signed_up",
    ]);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.events, ...second.events].map((event) => event.id);
    expect(new Set(ids).size).toBe(23);
  });

  it("'This wasn't me' ends every session, old refresh tokens included, and sends a reset link", async () => {
    const email = `notme.${Date.now()}@example.com`;
    const activated = await activeAccount(email);
    const other = tokensOf((await send("auth.login", { input: { email, password } })).data);

    const report = await send("auth.activity.reportNotMe", { token: activated.access });
    expect(report).toMatchObject({ status: 200, data: { sessionsEnded: 2 } });
    for (const refresh of [activated.refresh, other.refresh]) {
      expect((await send("auth.refresh", { input: { refresh } })).reason).toBe("SESSION_REVOKED");
    }
    expect((await send("auth.me", { token: other.access, query: true })).reason).toBe(
      "SESSION_REVOKED",
    );
    const link = await real.linkFor(email, /\/reset-password\/[A-Za-z0-9_-]{32}/);
    expect(link).toMatch(/reset-password/);

    const again = tokensOf((await send("auth.login", { input: { email, password } })).data);
    const types = (await activity(again.access)).events.map((event) => event.type);
    expect(types.slice(0, 4)).toEqual([
      "login.succeeded",
      "session.ended",
      "session.ended",
      "account.this_was_not_me",
    ]);
  });
});
