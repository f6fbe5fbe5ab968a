import { activationKeySchema } from "@latch/validators";
import type { Metadata } from "next";
import { ActivateAccount } from "./activate-account";

export const metadata: Metadata = {
  title: "Activate your account",
  // The key is in this page's URL: never send it to anyone in a Referer header, never index it.
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

/**
 * The landing page of the emailed link. Rendering it changes nothing: mail
 * scanners and link previews open links, so activation waits for a press of
 * the button (a POST the scanner will not make).
 */
export default async function ActivateKeyPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const wellFormed = activationKeySchema.safeParse(key).success;
  return <ActivateAccount activationKey={key} wellFormed={wellFormed} />;
}
