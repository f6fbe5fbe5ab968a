import { oneTimeKeySchema } from "@latch/validators";
import type { Metadata } from "next";
import { ResetPassword } from "./reset-password";

export const metadata: Metadata = {
  title: "Choose a new password",
  // The key is in this page's URL: never send it to anyone in a Referer header, never index it.
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

/**
 * The landing page of the emailed link. Rendering it changes nothing: mail
 * scanners and link previews open links, so the key is only used when the
 * person submits a new password.
 */
export default async function ResetPasswordPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const wellFormed = oneTimeKeySchema.safeParse(key).success;
  return <ResetPassword resetKey={key} wellFormed={wellFormed} />;
}
