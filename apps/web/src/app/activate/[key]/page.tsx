import { activationKeySchema } from "@latch/validators";
import { keyLinkMetadata, readKey } from "../../key-link-page";
import { ActivateAccount } from "./activate-account";

export const metadata = keyLinkMetadata("Activate your account");

/**
 * The landing page of the emailed link. Rendering it changes nothing: mail
 * scanners and link previews open links, so activation waits for a press of
 * the button (a POST the scanner will not make).
 */
export default async function ActivateKeyPage({ params }: { params: Promise<{ key: string }> }) {
  const { key, wellFormed } = await readKey(params, activationKeySchema);
  return <ActivateAccount activationKey={key} wellFormed={wellFormed} />;
}
