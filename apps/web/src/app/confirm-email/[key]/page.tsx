import { oneTimeKeySchema } from "@latch/validators";
import { keyLinkMetadata, readKey } from "../../key-link-page";
import { ConfirmEmailChange } from "./confirm-email-change";

export const metadata = keyLinkMetadata("Confirm your new email address");

/**
 * The landing page of the link mailed to the new address. Rendering it
 * changes nothing: mail scanners open links, so the change waits for a press
 * of the button (a POST the scanner will not make).
 */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ key: string }> }) {
  const { key, wellFormed } = await readKey(params, oneTimeKeySchema);
  return <ConfirmEmailChange changeKey={key} wellFormed={wellFormed} />;
}
