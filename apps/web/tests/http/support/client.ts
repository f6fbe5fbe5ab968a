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
