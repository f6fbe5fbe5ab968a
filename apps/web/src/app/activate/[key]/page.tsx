import { inspectActivationKey } from "@latch/auth";
import { activationKeySchema } from "@latch/validators";
import { getServices } from "../../../server/services";
import { keyLinkMetadata, readKey } from "../../key-link-page";
import { ActivateAccount } from "./activate-account";

export const metadata = keyLinkMetadata("Activate your account");

/**
 * The landing page of the emailed link. Rendering it changes nothing: mail
 * scanners and link previews open links, so activation waits for the form
 * (a POST the scanner will not make). The page only reads which address the
 * link is for, so a password manager can offer the saved password.
 */
export default async function ActivateKeyPage({ params }: { params: Promise<{ key: string }> }) {
  const { key, wellFormed } = await readKey(params, activationKeySchema);
  const state = wellFormed
    ? await inspectActivationKey((await getServices()).deps, key)
    : ({ status: "unusable", reason: "ACTIVATION_KEY_INVALID" } as const);
  return <ActivateAccount activationKey={key} state={state} />;
}
