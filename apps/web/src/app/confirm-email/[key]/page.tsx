import { oneTimeKeySchema } from "@latch/validators";
import type { Metadata } from "next";
import { ConfirmEmailChange } from "./confirm-email-change";

export const metadata: Metadata = {
  title: "Confirm your new email address",
  // The key is in this page's URL: never send it to anyone in a Referer header, never index it.
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

/**
 * The landing page of the link mailed to the new address. Rendering it
 * changes nothing: mail scanners open links, so the change waits for a press
 * of the button (a POST the scanner will not make).
 */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const wellFormed = oneTimeKeySchema.safeParse(key).success;
  return <ConfirmEmailChange changeKey={key} wellFormed={wellFormed} />;
}
