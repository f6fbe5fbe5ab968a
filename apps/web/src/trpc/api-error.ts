import type { LatchErrorReason } from "@latch/api";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";

/** What a form needs from any failed call: the API's reason, a sentence to show, field messages. */
export interface ApiError {
  /** One of the API's closed list of reasons, or NETWORK_ERROR when the call never reached it. */
  reason: LatchErrorReason | "NETWORK_ERROR";
  message: string;
  fieldErrors: Record<string, string[]>;
}

/**
 * Said when a call never reached the API. readApiError is a plain function
 * (forms call it in catch blocks), so the page's words for it are handed in
 * once by useUnreachableWording, under TRPCReactProvider.
 */
let unreachable = "";

export function useUnreachableWording(): void {
  const t = useTranslations("errors");
  unreachable = t("NETWORK_ERROR");
}

/**
 * Every API error carries `data.reason` (and `data.fieldErrors` for invalid
 * input). A failure without one never reached our API (offline, a proxy's
 * HTML error page), so it gets a reason of its own instead of a raw message.
 */
export function readApiError(error: unknown): ApiError {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    // The server answers only reasons of its closed list (README, enforced by a test).
    const reason = readString(data, "reason") as LatchErrorReason | null;
    // The server words the message in this page's language (its cookie), waits included.
    if (reason) return { reason, message: error.message, fieldErrors: readFieldErrors(data) };
  }
  return { reason: "NETWORK_ERROR", message: unreachable, fieldErrors: {} };
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
