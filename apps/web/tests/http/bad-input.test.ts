import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";
import { type RawResponse, raw } from "./support/client";

type ErrorBody = {
  error: {
    message: string;
    data: { reason: string; httpStatus: number; fieldErrors?: Record<string, string[]> };
  };
};

function errorOf(response: RawResponse) {
  expect(response.json, `not a JSON error: ${response.text}`).toMatchObject({
    error: { data: {} },
  });
  return (response.json as ErrorBody).error;
}

/** No 5xx, no stack trace, no internals: every refusal is a 4xx with a reason. */
function expectCleanRefusal(response: RawResponse, status: number, reason: string) {
  expect(response.status, response.text).toBe(status);
  expect(errorOf(response).data.reason).toBe(reason);
  expect(response.text).not.toMatch(/\bat .+\(.*:\d+:\d+\)|node_modules|stack|prisma|Error:/i);
}

describe("bad input over HTTP", () => {
  let app: RunningApp;
  const post = (procedure: string, body: string, headers: Record<string, string> = {}) =>
    raw(app.url, {
      path: `/api/trpc/${procedure}`,
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });

  beforeAll(async () => {
    app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true", API_MAX_BODY_BYTES: "4096" });
  });
  afterAll(() => app?.stop());

  it("answers malformed JSON with 400 MALFORMED_REQUEST", async () => {
    expectCleanRefusal(await post("auth.login", '{"email": "a@b.co", '), 400, "MALFORMED_REQUEST");
  });

  it("answers wrong types with 400 INVALID_INPUT and a message per field", async () => {
    const response = await post("auth.signup", JSON.stringify({ email: 42, password: ["x"] }));
    expectCleanRefusal(response, 400, "INVALID_INPUT");
    const fields = errorOf(response).data.fieldErrors ?? {};
    expect(Object.keys(fields).sort()).toEqual(["email", "password"]);
  });

  it("explains a short password and a bad address in words", async () => {
    const response = await post(
      "auth.signup",
      JSON.stringify({ email: "not-an-email", password: "short" }),
    );
    expectCleanRefusal(response, 400, "INVALID_INPUT");
    const fields = errorOf(response).data.fieldErrors ?? {};
    expect(fields.email?.[0]).toMatch(/valid email/);
    expect(fields.password?.[0]).toMatch(/at least 8/);
  });

  it("refuses a password longer than 128 characters instead of truncating it", async () => {
    const response = await post(
      "auth.signup",
      JSON.stringify({ email: "a@example.com", password: "p".repeat(129) }),
    );
    expectCleanRefusal(response, 400, "INVALID_INPUT");
  });

  it("refuses a body over the limit with 413 before parsing it", async () => {
    const huge = JSON.stringify({ email: "a@example.com", password: "x".repeat(10_000) });
    expectCleanRefusal(await post("auth.signup", huge), 413, "PAYLOAD_TOO_LARGE");
  });

  it.each([
    [
      "a zero-width space in the address",
      { email: "a\u200b@example.com", password: "long enough" },
    ],
    [
      "a right-to-left override in the address",
      { email: "\u202eann@example.com", password: "long enough" },
    ],
    ["a NUL in the password", { email: "ann@example.com", password: "long\u0000enough" }],
    ["a lone surrogate in the address", { email: "\ud800@example.com", password: "long enough" }],
  ])("refuses %s with 400 INVALID_INPUT", async (_name, input) => {
    expectCleanRefusal(await post("auth.signup", JSON.stringify(input)), 400, "INVALID_INPUT");
  });

  it("accepts a password in any script and with emoji", async () => {
    const response = await post(
      "auth.signup",
      JSON.stringify({ email: "unicode@example.com", password: "пароль-密码-🔒🔒" }),
    );
    expect(response.status, response.text).toBe(200);
  });

  it("answers a forged, a garbage and a missing bearer token with 401", async () => {
    const forged = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString("base64url")}.${Buffer.from('{"sub":"x","sid":"y"}').toString("base64url")}.`;
    const me = (authorization?: string) =>
      raw(app.url, { path: "/api/trpc/auth.me", headers: authorization ? { authorization } : {} });
    expectCleanRefusal(await me(`Bearer ${forged}`), 401, "ACCESS_TOKEN_INVALID");
    expectCleanRefusal(await me("Bearer not.a.jwt"), 401, "ACCESS_TOKEN_INVALID");
    expectCleanRefusal(await me(), 401, "ACCESS_TOKEN_MISSING");
  });

  it("answers a malformed refresh token and activation key with 400", async () => {
    expectCleanRefusal(
      await post("auth.refresh", JSON.stringify({ refresh: "abc" })),
      400,
      "INVALID_INPUT",
    );
    expectCleanRefusal(
      await post("auth.activate", JSON.stringify({ key: "../../etc/passwd" })),
      400,
      "INVALID_INPUT",
    );
  });

  it("answers an unknown procedure with 404 and a query sent as a mutation with 405", async () => {
    expectCleanRefusal(await post("auth.nope", "{}"), 404, "PROCEDURE_NOT_FOUND");
    expectCleanRefusal(
      await raw(app.url, { path: "/api/trpc/auth.login" }),
      405,
      "METHOD_NOT_SUPPORTED",
    );
  });

  it.each(["PUT", "PATCH", "DELETE", "OPTIONS"])(
    "answers %s with a JSON 405 METHOD_NOT_SUPPORTED and says what is allowed",
    async (method) => {
      const response = await fetch(`${app.url}/api/trpc/auth.login`, {
        method,
        headers: { "content-type": "application/json" },
        ...(method === "OPTIONS" ? {} : { body: "{}" }),
      });
      expect(response.headers.get("allow")).toBe("GET, POST");
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const text = await response.text();
      const refusal = { status: response.status, text, json: JSON.parse(text) as unknown };
      expectCleanRefusal(refusal, 405, "METHOD_NOT_SUPPORTED");
      expect(refusal.json).toMatchObject({
        error: {
          code: -32005,
          data: { code: "METHOD_NOT_SUPPORTED", httpStatus: 405, reason: "METHOD_NOT_SUPPORTED" },
        },
      });
    },
  );

  it("answers HEAD with 405 and the same Allow header, without a body", async () => {
    const response = await fetch(`${app.url}/api/trpc/session.current`, { method: "HEAD" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(await response.text()).toBe("");
  });

  it.each([
    ["text/plain (a cross-site form can send it)", "text/plain"],
    ["a urlencoded form", "application/x-www-form-urlencoded"],
    ["multipart form data", "multipart/form-data; boundary=x"],
    ["an octet stream", "application/octet-stream"],
  ])("refuses a body sent as %s with a JSON 415 UNSUPPORTED_MEDIA_TYPE", async (_name, type) => {
    const response = await fetch(`${app.url}/api/trpc/session.logout`, {
      method: "POST",
      headers: { "content-type": type },
      body: "--x--",
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await response.text();
    expectCleanRefusal(
      { status: response.status, text, json: JSON.parse(text) },
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  it("refuses a POST without a content type with 415 too", async () => {
    const response = await raw(app.url, { path: "/api/trpc/session.logout", method: "POST" });
    expectCleanRefusal(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("calls every structurally broken request MALFORMED_REQUEST, in JSON", async () => {
    const broken: Array<[string, Promise<Response>]> = [
      [
        "an empty mutation body",
        fetch(`${app.url}/api/trpc/auth.login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
        }),
      ],
      [
        "unparsable connection params",
        fetch(`${app.url}/api/trpc/session.current?connectionParams=%7Bx`),
      ],
      [
        "a streaming request that is not a batch",
        fetch(`${app.url}/api/trpc/session.current`, {
          headers: { "trpc-accept": "application/jsonl" },
        }),
      ],
      [
        "a batch mixing queries and mutations",
        fetch(`${app.url}/api/trpc/auth.me,auth.login?batch=1`),
      ],
    ];
    for (const [label, pending] of broken) {
      const response = await pending;
      const text = await response.text();
      expect(response.headers.get("content-type"), label).toMatch(/^application\/json/);
      expect(response.status, `${label}: ${text}`).toBe(400);
      const reasons = [...text.matchAll(/"reason":"([A-Z_]+)"/g)].map((match) => match[1]);
      expect(reasons.length, label).toBeGreaterThan(0);
      for (const reason of reasons) expect(reason, `${label}: ${text}`).toBe("MALFORMED_REQUEST");
    }
  });

  it("answers any path under /api/trpc that names no procedure with a JSON 404", async () => {
    for (const path of ["/api/trpc", "/api/trpc/auth/login", "/api/trpc/auth.login/extra"]) {
      const response = await raw(app.url, { path });
      expectCleanRefusal(response, 404, "PROCEDURE_NOT_FOUND");
    }
  });

  it("answers a valid-shaped but unknown activation key with ACTIVATION_KEY_INVALID", async () => {
    const response = await post(
      "auth.activate",
      JSON.stringify({ key: "A".repeat(32), password: "whatever it is" }),
    );
    expectCleanRefusal(response, 400, "ACTIVATION_KEY_INVALID");
  });
});
