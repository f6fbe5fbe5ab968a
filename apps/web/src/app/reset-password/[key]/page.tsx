import { oneTimeKeySchema } from "@latch/validators";
import { getTranslations } from "next-intl/server";
import { inspectKeyLink, keyLinkMetadata, readKey } from "../../key-link-page";
import { KeyLinkProblemCard } from "../../key-link-problem";
import { ResetPassword } from "./reset-password";

export async function generateMetadata() {
  const t = await getTranslations("resetPassword");
  return keyLinkMetadata(t("title"));
}

/**
 * The landing page of the emailed link. Rendering it changes nothing: mail
 * scanners and link previews open links, so the key is only used when the
 * person submits a new password. The page only looks whether the link still
 * works, and for which account, so a password manager saves the new password
 * under the right name.
 */
export default async function ResetPasswordPage({ params }: { params: Promise<{ key: string }> }) {
  const link = await readKey(params, oneTimeKeySchema);
  const inspected = await inspectKeyLink("password-reset", link, "RESET_KEY_INVALID");
  if ("problem" in inspected) return <KeyLinkProblemCard problem={inspected} />;
  const { state } = inspected;
  return <ResetPassword resetKey={link.key} state={state} />;
}
