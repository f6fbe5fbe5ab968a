import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";

type Operation = {
  operationId: string;
  security: { bearerAuth?: string[] }[];
  requestBody?: { content: { "application/json": { schema: Record<string, unknown> } } };
  parameters?: { name: string; in: string; required: boolean }[];
  responses: Record<string, unknown>;
};
type Json = { type?: string; anyOf?: unknown[]; properties?: Record<string, Json> };
type Document = {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  paths: Record<string, { get?: Operation; post?: Operation }>;
  components: {
    securitySchemes: Record<string, unknown>;
  };
};

/** The document the API publishes, checked against the API itself, operation by operation. */
describe("/api/openapi.json", () => {
  let app: RunningApp;
  let document: Document;
  beforeAll(async () => {
    app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true", TRUST_PROXY: "true" });
    const response = await fetch(`${app.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    document = (await response.json()) as Document;
  });
  afterAll(() => app?.stop());

  it("is an OpenAPI 3.1 document of every auth.* procedure and session.inspectLink, with JSON Schemas for inputs and answers", async () => {
    // The official OpenAPI 3.1 schema, applied by a validator of the specification's own.
    type Spec = Parameters<Validator["validate"]>[0];
    const validation = await new Validator().validate(document as unknown as Spec);
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    // The validator does refuse: the same document without its info object fails.
    const { info: _, ...withoutInfo } = document;
    expect((await new Validator().validate(withoutInfo as unknown as Spec)).valid).toBe(false);
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: app.url }]);
    const ids = Object.values(document.paths).flatMap((item) =>
      [item.get, item.post].filter(Boolean).map((op) => op?.operationId),
    );
    expect(ids).toContain("auth.login");
    expect(ids).toContain("auth.me");
    expect(ids).toContain("auth.sessions.revoke");
    // Of the pages' own procedures, only the one a client outside a browser can call:
    // the others read the session cookies and refuse other origins' changes.
    expect(ids).toContain("session.inspectLink");
    expect(ids.filter((id) => !id?.startsWith("auth."))).toEqual(["session.inspectLink"]);
    for (const [path, item] of Object.entries(document.paths)) {
      const operations = [item.get, item.post].filter(Boolean) as Operation[];
      expect(operations, path).toHaveLength(1);
      for (const operation of operations) {
        expect(path).toBe(`/api/trpc/${operation.operationId}`);
        expect(Object.keys(operation.responses).sort()).toEqual(["200", "default"]);
        // Every success is described, not left as "anything": an object, or a choice of them.
        const data = (
          operation.responses["200"] as {
            content: { "application/json": { schema: { properties: { result: Json } } } };
          }
        ).content["application/json"].schema.properties.result.properties?.data;
        expect(data?.type === "object" || Array.isArray(data?.anyOf), path).toBe(true);
        for (const requirement of operation.security) {
          for (const scheme of Object.keys(requirement)) {
            expect(document.components.securitySchemes).toHaveProperty(scheme);
          }
        }
      }
    }
    const login = document.paths["/api/trpc/auth.login"]?.post;
    expect(login?.security).toEqual([]);
    const schema = login?.requestBody?.content["application/json"].schema;
    expect(schema).toMatchObject({ type: "object", required: ["email", "password"] });
    expect(document.paths["/api/trpc/auth.me"]?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths["/api/trpc/auth.completeLogin"]?.post?.responses["200"]).toMatchObject({
      content: {
        "application/json": {
          schema: {
            properties: {
              result: {
                properties: {
                  data: {
                    required: ["user", "tokens"],
                    properties: {
                      tokens: {
                        required: ["access", "refresh", "accessExpiresAt", "refreshExpiresAt"],
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
  });

  it("documents session.inspectLink as a public query whose answer is the one a client gets", async () => {
    const inspect = document.paths["/api/trpc/session.inspectLink"]?.get;
    expect(inspect?.security).toEqual([]);
    expect(inspect?.parameters?.[0]).toMatchObject({ name: "input", in: "query", required: true });
    const input = { purpose: "password-reset", key: "k".repeat(32) };
    const response = await fetch(
      `${app.url}/api/trpc/session.inspectLink?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { "x-forwarded-for": "198.51.100.250" } },
    );
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { data: unknown } };
    expect(result.data).toEqual({ status: "unusable", reason: "RESET_KEY_INVALID" });
    const success = inspect?.responses["200"] as {
      content: { "application/json": { schema: { properties: { result: Json } } } };
    };
    const data = success.content["application/json"].schema.properties.result.properties?.data;
    expect(data?.anyOf).toContainEqual(
      expect.objectContaining({
        required: ["status", "reason"],
        properties: expect.objectContaining({ status: { type: "string", const: "unusable" } }),
      }),
    );
  });

  it("lists only operations that exist: each answers with a reason from the closed list, never 404, 405 or 500", async () => {
    let client = 1;
    for (const [path, item] of Object.entries(document.paths)) {
      const method = item.get ? "GET" : "POST";
      const operation = (item.get ?? item.post) as Operation;
      const response = await fetch(`${app.url}${path}`, {
        method,
        headers: {
          "x-forwarded-for": `198.51.100.${client++}`,
          ...(method === "POST" ? { "content-type": "application/json" } : {}),
          ...(operation.security.length > 0 ? { authorization: "Bearer not-a-token" } : {}),
        },
        ...(method === "POST" ? { body: "{}" } : {}),
      });
      // The operations whose input may be empty: a passkey sign-in without a login ticket,
      // and the list of configured providers.
      if (
        path === "/api/trpc/auth.passkeys.generateAuthenticationOptions" ||
        path === "/api/trpc/auth.identities.providers"
      ) {
        expect(response.status, path).toBe(200);
        continue;
      }
      expect([400, 401], `${method} ${path}`).toContain(response.status);
      const body = (await response.json()) as { error: { data: { reason: string } } };
      const expected = operation.security.length > 0 ? "ACCESS_TOKEN_INVALID" : "INVALID_INPUT";
      expect(body.error.data.reason, `${method} ${path}`).toBe(expected);
    }
  });
});
