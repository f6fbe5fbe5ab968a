import { oneTimeKeySchema } from "@latch/validators";
import { getTranslations } from "next-intl/server";
import { inspectKeyLink, keyLinkMetadata, readKey } from "../../key-link-page";
import { KeyLinkProblemCard } from "../../key-link-problem";
import { ConfirmEmailChange } from "./confirm-email-change";

export async function generateMetadata() {
  const t = await getTranslations("confirmEmail");
  return keyLinkMetadata(t("title"));
}

/**
 * The landing page of the link mailed to the new address. Rendering it
 * changes nothing: mail scanners open links, so the change waits for a press
 * of the button (a POST the scanner will not make). The page only looks
 * whether the link still works, so a used or expired one says so at once.
 */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ key: string }> }) {
  const link = await readKey(params, oneTimeKeySchema);
  const inspected = await inspectKeyLink("email-change", link, "EMAIL_CHANGE_KEY_INVALID");
  if ("problem" in inspected) return <KeyLinkProblemCard problem={inspected} />;
  const { state } = inspected;
  return <ConfirmEmailChange changeKey={link.key} state={state} />;
}
