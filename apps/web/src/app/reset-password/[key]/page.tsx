import { inspectResetKey } from "@latch/auth";
import { oneTimeKeySchema } from "@latch/validators";
import { ServiceUnavailable } from "../../../components/service-unavailable";
import { inspectKeyLink, keyLinkMetadata, readKey } from "../../key-link-page";
import { ResetPassword } from "./reset-password";

export const metadata = keyLinkMetadata("Choose a new password");

/**
 * The landing page of the emailed link. Rendering it changes nothing: mail
 * scanners and link previews open links, so the key is only used when the
 * person submits a new password. The page only looks whether the link still
 * works, and for which account, so a password manager saves the new password
 * under the right name.
 */
export default async function ResetPasswordPage({ params }: { params: Promise<{ key: string }> }) {
  const link = await readKey(params, oneTimeKeySchema);
  const state = await inspectKeyLink(link, inspectResetKey, "RESET_KEY_INVALID");
  if (!state) return <ServiceUnavailable />;
  return <ResetPassword resetKey={link.key} state={state} />;
}
