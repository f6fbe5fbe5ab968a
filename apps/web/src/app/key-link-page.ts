import type { Metadata } from "next";
import type { z } from "zod";

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
