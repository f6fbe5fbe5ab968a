import "server-only";
import { errorData } from "@latch/api";
import { notFound } from "next/navigation";
import { isServiceUnavailable } from "../components/service-unavailable";
import { getServerCaller } from "../trpc/server";

type Caller = Awaited<ReturnType<typeof getServerCaller>>;

/**
 * An admin page's read, which is also its guard: the procedures refuse
 * anyone but an admin (no session: 401, not an admin: 403), and any refusal
 * becomes the app's ordinary 404, so the pages never confirm that /admin
 * exists. Null during an outage, for the page to say so.
 */
export async function readAsAdmin<T>(read: (caller: Caller) => Promise<T>): Promise<T | null> {
  try {
    return await read(await getServerCaller());
  } catch (error) {
    if (isServiceUnavailable(error)) return null;
    if (errorData(error)) notFound();
    throw error;
  }
}

/** A search parameter as one string: repeated ones are not something these pages make. */
export function oneParam(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
