import "server-only";
import { errorData } from "@latch/api";
import { notFound } from "next/navigation";
import { cache } from "react";
import { isServiceUnavailable } from "../components/service-unavailable";
import { getServerCaller } from "../trpc/server";

type Caller = Awaited<ReturnType<typeof getServerCaller>>;

/**
 * Refusals that become the app's ordinary 404: no session (or an ended one),
 * not an admin, and an address that names no account (or is no ID at all).
 */
const NOT_FOUND_REASONS = new Set([
  "ACCESS_TOKEN_MISSING",
  "ACCESS_TOKEN_INVALID",
  "ACCESS_TOKEN_EXPIRED",
  "SESSION_REVOKED",
  "ADMIN_ONLY",
  "USER_NOT_FOUND",
  "WEBHOOK_NOT_FOUND",
  "INVALID_INPUT",
]);

/**
 * An admin page's read, which is also its guard: the procedures refuse
 * anyone but an admin (no session: 401, not an admin: 403), and a refusal
 * becomes the 404 any unknown address gets, so the pages never confirm
 * that /admin exists. Null during an outage, for the page to say so.
 */
export async function readAsAdmin<T>(read: (caller: Caller) => Promise<T>): Promise<T | null> {
  try {
    return await read(await getServerCaller());
  } catch (error) {
    if (isServiceUnavailable(error)) return null;
    const reason = errorData(error)?.reason;
    if (reason && NOT_FOUND_REASONS.has(reason)) notFound();
    throw error;
  }
}

/**
 * Per request, so a page and its metadata (whose title names what the page
 * shows) share one call, and one audit event, and are refused together.
 */
export const adminUser = cache((userId: string) =>
  readAsAdmin((caller) => caller.admin.users.get({ userId })),
);

export const adminUsers = cache((query: string | undefined, cursor: string | undefined) =>
  readAsAdmin((caller) =>
    caller.admin.users.list({ ...(query ? { query } : {}), ...(cursor ? { cursor } : {}) }),
  ),
);

export const adminWebhooks = cache(() => readAsAdmin((caller) => caller.admin.webhooks.list()));

export const adminWebhookDeliveries = cache((id: string) =>
  readAsAdmin((caller) => caller.admin.webhooks.deliveries({ id })),
);

/** A search parameter as one string: repeated ones are not something these pages make. */
export function oneParam(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
