import { oneTimeKeySchema } from "@latch/validators";
import { keyLinkMetadata, readKey } from "../../key-link-page";
import { ResetPassword } from "./reset-password";

export const metadata = keyLinkMetadata("Choose a new password");

/**
 * The landing page of the emailed link. Rendering it changes nothing: mail
 * scanners and link previews open links, so the key is only used when the
 * person submits a new password.
 */
export default async function ResetPasswordPage({ params }: { params: Promise<{ key: string }> }) {
  const { key, wellFormed } = await readKey(params, oneTimeKeySchema);
  return <ResetPassword resetKey={key} wellFormed={wellFormed} />;
}
