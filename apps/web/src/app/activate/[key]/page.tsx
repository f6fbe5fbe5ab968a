import { type ActivationKeyState, inspectActivationKey } from "@latch/auth";
import { activationKeySchema } from "@latch/validators";
import { isServiceUnavailable, ServiceUnavailable } from "../../../components/service-unavailable";
import { returnToOf } from "../../../server/return-to";
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
export default async function ActivateKeyPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { key, wellFormed } = await readKey(params, activationKeySchema);
  let state: ActivationKeyState = { status: "unusable", reason: "ACTIVATION_KEY_INVALID" };
  if (wellFormed) {
    try {
      state = await inspectActivationKey((await getServices()).deps, key);
    } catch (error) {
      if (isServiceUnavailable(error)) return <ServiceUnavailable />;
      throw error;
    }
  }
  return (
    <ActivateAccount activationKey={key} state={state} returnTo={await returnToOf(searchParams)} />
  );
}
