import type { AppRouter } from "@latch/api";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";

/** The typed client a developer would use: plain JSON, no transformer. */
export function typedClient(url: string, accessToken?: () => string | undefined) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/api/trpc`,
        headers: () => {
          const token = accessToken?.();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}

/** The `data.reason` of a failed typed call, or a test failure if it succeeded. */
export async function failureReason(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { reason?: string } | undefined;
      return data?.reason ?? "NO_REASON";
    }
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export interface RawResponse {
  status: number;
  text: string;
  json: unknown;
}

/** A raw HTTP call, for inputs no typed client would send. */
export async function raw(url: string, init: RequestInit & { path: string }): Promise<RawResponse> {
  const response = await fetch(`${url}${init.path}`, init);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, text, json };
}

export interface CallOptions {
  input?: unknown;
  /** The client's address, as a trusted proxy reports it (the app needs TRUST_PROXY=true). */
  ip?: string;
  accessToken?: string;
  method?: "GET" | "POST";
  /** Sent as X-Request-Id, as an upstream service would. */
  requestId?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** `result.data` of a success, or null. */
  data: unknown;
  /** `error.data.reason` of a failure, or null. */
  reason: string | null;
  error: { data?: Record<string, unknown> } | null;
}

/** One procedure over plain HTTP, with the headers a typed client cannot set per call. */
export async function call(
  url: string,
  procedure: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const method = options.method ?? "POST";
  const query =
    method === "GET" && options.input !== undefined
      ? `?input=${encodeURIComponent(JSON.stringify(options.input))}`
      : "";
  const response = await fetch(`${url}/api/trpc/${procedure}${query}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(options.ip ? { "x-forwarded-for": options.ip } : {}),
      ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}),
      ...(options.requestId ? { "x-request-id": options.requestId } : {}),
    },
    ...(method === "POST" ? { body: JSON.stringify(options.input ?? {}) } : {}),
  });
  const json = (await response.json()) as {
    result?: { data: unknown };
    error?: { data?: Record<string, unknown> };
  };
  const reason = json.error?.data?.reason;
  return {
    status: response.status,
    headers: response.headers,
    data: json.result?.data ?? null,
    reason: typeof reason === "string" ? reason : null,
    error: json.error ?? null,
  };
}

/** A login's answer with tokens, or a test failure when the account asked for a second factor. */
export function withTokens<R extends object>(
  result: R,
): Exclude<R, { status: "second_factor_required" }> {
  if ("status" in result && result.status === "second_factor_required") {
    throw new Error("expected tokens, but the login asks for a second factor");
  }
  return result as Exclude<R, { status: "second_factor_required" }>;
}
