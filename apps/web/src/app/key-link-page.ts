import type { AuthDeps, AuthErrorReason, KeyState } from "@latch/auth";
import type { Metadata } from "next";
import type { z } from "zod";
import { isServiceUnavailable } from "../components/service-unavailable";
import { getServices } from "../server/services";

/** For the landing page of an emailed link whose one-time key is in the URL. */
export function keyLinkMetadata(title: string): Metadata {
  return {
    title,
    // The key is in this page's URL: never send it to anyone in a Referer header, never index it.
    referrer: "no-referrer",
    robots: { index: false, follow: false },
  };
}

/** A malformed key cannot be valid: the page can say so without asking the API. */
export async function readKey(params: Promise<{ key: string }>, schema: z.ZodType) {
  const { key } = await params;
  return { key, wellFormed: schema.safeParse(key).success };
}

/**
 * What the link would do, read when the page renders, spending nothing (mail
 * scanners open links), so a used or expired link opens on its own screen.
 * Null while a dependency is down: the page then says so.
 */
export async function inspectKeyLink<Details>(
  link: { key: string; wellFormed: boolean },
  inspect: (deps: AuthDeps, key: string) => Promise<KeyState<Details>>,
  invalid: AuthErrorReason,
): Promise<KeyState<Details> | null> {
  if (!link.wellFormed) return { status: "unusable", reason: invalid };
  try {
    return await inspect((await getServices()).deps, link.key);
  } catch (error) {
    if (isServiceUnavailable(error)) return null;
    throw error;
  }
}
