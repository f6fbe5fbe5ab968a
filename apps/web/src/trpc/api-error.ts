import { TRPCClientError } from "@trpc/client";

/** What a form needs from any failed call: the API's reason, a sentence to show, field messages. */
export interface ApiError {
  reason: string;
  message: string;
  fieldErrors: Record<string, string[]>;
}

const UNREACHABLE = "We could not reach Latch. Check your connection and try again in a moment.";

/**
 * Every API error carries `data.reason` (and `data.fieldErrors` for invalid
 * input). A failure without one never reached our API (offline, a proxy's
 * HTML error page), so it gets a reason of its own instead of a raw message.
 */
export function readApiError(error: unknown): ApiError {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    const reason = readString(data, "reason");
    if (reason) {
      return { reason, message: error.message, fieldErrors: readFieldErrors(data) };
    }
  }
  return { reason: "NETWORK_ERROR", message: UNREACHABLE, fieldErrors: {} };
}

function readString(data: unknown, key: string): string | null {
  if (typeof data !== "object" || data === null) return null;
  const value: unknown = (data as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
}

function readFieldErrors(data: unknown): Record<string, string[]> {
  if (typeof data !== "object" || data === null) return {};
  const raw: unknown = (data as Record<string, unknown>).fieldErrors;
  if (typeof raw !== "object" || raw === null) return {};
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(raw)) {
    if (Array.isArray(messages)) result[field] = messages.filter((m) => typeof m === "string");
  }
  return result;
}
