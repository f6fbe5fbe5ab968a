import { errorData, type LinkPurpose, type LinkStates } from "@latch/api";
import type { Metadata } from "next";
import type { z } from "zod";
import { getServerCaller } from "../trpc/server";

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

/** Why a landing page cannot tell what its link would do right now. */
export type KeyLinkProblem =
  | { problem: "unavailable" }
  | { problem: "rate-limited"; retryAfterSeconds: number | null };

type Unusable<Purpose extends LinkPurpose> = Extract<LinkStates[Purpose], { status: "unusable" }>;

/**
 * What the link would do, read when the page renders through `session.inspectLink`,
 * spending nothing (mail scanners open links), so a used or expired link opens on
 * its own screen. Each look counts against the visitor's key-check limit.
 */
export async function inspectKeyLink<Purpose extends LinkPurpose>(
  purpose: Purpose,
  link: { key: string; wellFormed: boolean },
  invalid: Unusable<Purpose>["reason"],
): Promise<{ state: LinkStates[Purpose] } | KeyLinkProblem> {
  if (!link.wellFormed)
    return { state: { status: "unusable", reason: invalid } as Unusable<Purpose> };
  try {
    const caller = await getServerCaller();
    const input: { purpose: LinkPurpose; key: string } = { purpose, key: link.key };
    // The procedure answers the state of the purpose it was asked about.
    return { state: (await caller.session.inspectLink(input)) as LinkStates[Purpose] };
  } catch (error) {
    const data = errorData(error);
    if (data?.reason === "SERVICE_UNAVAILABLE") return { problem: "unavailable" };
    if (data?.reason === "RATE_LIMITED") {
      return { problem: "rate-limited", retryAfterSeconds: data.retryAfterSeconds ?? null };
    }
    throw error;
  }
}
