import { authErrorReasons } from "@latch/auth";
import { z } from "zod";
import { transportReasonStatus } from "../errors";
import { appRouter } from "../root";
import type { ApiMeta } from "../trpc";
import { documentedOutputs } from "./openapi-outputs";
import { secureApiResponse } from "./security-headers";

interface ProcedureDef {
  type: "query" | "mutation" | "subscription";
  inputs: unknown[];
  meta?: ApiMeta;
}

type JsonObject = Record<string, unknown>;

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["message", "code", "data"],
      properties: {
        message: { type: "string" },
        code: { type: "integer", description: "JSON-RPC style code, as tRPC sends it" },
        data: {
          type: "object",
          required: ["code", "httpStatus", "reason"],
          properties: {
            code: { type: "string" },
            httpStatus: { type: "integer" },
            reason: {
              type: "string",
              enum: [...authErrorReasons, ...Object.keys(transportReasonStatus)].sort(),
            },
            fieldErrors: {
              type: "object",
              additionalProperties: { type: "array", items: { type: "string" } },
            },
          },
        },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

function inputSchema(def: ProcedureDef): JsonObject | null {
  const [input] = def.inputs;
  return input instanceof z.ZodType ? jsonSchema(input, "input") : null;
}

/** A success: `{ result: { data } }`, data as the procedure answers it. */
function resultSchema(name: keyof typeof documentedOutputs): JsonObject {
  const output = documentedOutputs[name];
  return {
    type: "object",
    required: ["result"],
    properties: {
      result: {
        type: "object",
        required: ["data"],
        properties: { data: jsonSchema(output, "output") },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the bearer-token API (`auth.*`) and of
 * `session.inspectLink`, generated from the procedures, their zod input
 * schemas and the answers' schemas (checked against the procedures' types at
 * build), for clients in other languages. Mutations are POSTs with the input
 * as the JSON body; queries are GETs (an input would go in `?input=`,
 * JSON-encoded). The other `session.*` procedures are the pages' own: they
 * read the session cookies and refuse other origins' changes, so a client
 * outside a browser has the `auth.*` twin of each instead.
 */
function openApiDocument(options: { appUrl: string; version: string }): JsonObject {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
  const paths: Record<string, JsonObject> = {};
  for (const [name, procedure] of Object.entries(procedures).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (!(name in documentedOutputs)) continue;
    const def = procedure._def;
    const schema = inputSchema(def);
    const operation: JsonObject = {
      operationId: name,
      tags: [name.split(".").slice(0, -1).join(".")],
      ...(def.meta?.requiresAccessToken ? { security: [{ bearerAuth: [] }] } : { security: [] }),
      responses: {
        "200": {
          description: "Done",
          content: {
            "application/json": { schema: resultSchema(name as keyof typeof documentedOutputs) },
          },
        },
        default: {
          description: "Refused: `error.data.reason` says why (README: the closed list)",
          content: { "application/json": { schema: errorSchema } },
        },
      },
    };
    if (def.type === "mutation") {
      paths[`/api/trpc/${name}`] = {
        post: {
          ...operation,
          ...(schema
            ? {
                requestBody: {
                  required: true,
                  content: { "application/json": { schema } },
                },
              }
            : {}),
        },
      };
    } else {
      paths[`/api/trpc/${name}`] = {
        get: {
          ...operation,
          ...(schema
            ? {
                parameters: [
                  {
                    name: "input",
                    in: "query",
                    required: true,
                    content: { "application/json": { schema } },
                  },
                ],
              }
            : {}),
        },
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: { title: "Latch API", version: options.version },
    servers: [{ url: options.appUrl }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT (EdDSA, typ at+jwt)" },
      },
    },
  };
}

let cached: { appUrl: string; body: string } | undefined;

/** GET /api/openapi.json: public, the same for everyone, so caches may keep it a while. */
export function handleOpenApiRequest(deps: { policy: { appUrl: string } }): Response {
  const { appUrl } = deps.policy;
  if (cached?.appUrl !== appUrl) {
    cached = { appUrl, body: JSON.stringify(openApiDocument({ appUrl, version: "1" })) };
  }
  return secureApiResponse(
    new Response(cached.body, { headers: { "content-type": "application/json" } }),
    { appUrl, cacheControl: "public, max-age=300" },
  );
}
