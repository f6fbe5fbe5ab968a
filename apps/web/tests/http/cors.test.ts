import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";
import { call } from "./support/client";

const FRONT_END = "https://app.example.com";
const password = "correct horse battery staple";

/** A front end on another origin calls with a bearer token; cookies never cross origins. */
describe("CORS_ORIGINS over HTTP", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true", CORS_ORIGINS: FRONT_END });
  });
  afterAll(() => app?.stop());

  const preflight = (origin: string) =>
    fetch(`${app.url}/api/trpc/auth.login`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, authorization",
      },
    });

  it("grants an allowlisted front end's preflight, without credentials", async () => {
    const granted = await preflight(FRONT_END);
    expect(granted.status).toBe(204);
    expect(granted.headers.get("access-control-allow-origin")).toBe(FRONT_END);
    expect(granted.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(granted.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(granted.headers.get("access-control-allow-credentials")).toBeNull();
    expect(granted.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses any other origin's preflight as it refuses every OPTIONS", async () => {
    const refused = await preflight("https://evil.example.com");
    expect(refused.status).toBe(405);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect((await refused.json()).error.data.reason).toBe("METHOD_NOT_SUPPORTED");
  });

  it("lets the front end read answers to its bearer calls, and no one else", async () => {
    const fromFrontEnd = await fetch(`${app.url}/api/trpc/auth.me`, {
      headers: { origin: FRONT_END, authorization: "Bearer not-a-token" },
    });
    expect(fromFrontEnd.status).toBe(401);
    expect(fromFrontEnd.headers.get("access-control-allow-origin")).toBe(FRONT_END);
    expect(fromFrontEnd.headers.get("access-control-expose-headers")).toContain("x-request-id");
    expect(fromFrontEnd.headers.get("vary")).toContain("Origin");

    const fromElsewhere = await fetch(`${app.url}/api/trpc/auth.me`, {
      headers: { origin: "https://evil.example.com" },
    });
    expect(fromElsewhere.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("keeps the cookie procedures same-origin, even for an allowlisted front end", async () => {
    const email = `cors.${Date.now()}@example.com`;
    await call(app.url, "auth.signup", { input: { email, password } });
    const response = await fetch(`${app.url}/api/trpc/session.login`, {
      method: "POST",
      headers: { origin: FRONT_END, "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error.data.reason).toBe("ORIGIN_NOT_ALLOWED");
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
