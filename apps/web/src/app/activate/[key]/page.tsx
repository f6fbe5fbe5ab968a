import { activationKeySchema } from "@latch/validators";
import { getTranslations } from "next-intl/server";
import { returnToOf } from "../../../server/return-to";
import { getSession } from "../../../server/session";
import { inspectKeyLink, keyLinkMetadata, readKey } from "../../key-link-page";
import { KeyLinkProblemCard } from "../../key-link-problem";
import { ActivateAccount } from "./activate-account";

export async function generateMetadata() {
  const t = await getTranslations("activate");
  return keyLinkMetadata(t("title"));
}

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
  const link = await readKey(params, activationKeySchema);
  const inspected = await inspectKeyLink("activation", link, "ACTIVATION_KEY_INVALID");
  if ("problem" in inspected) return <KeyLinkProblemCard problem={inspected} />;
  const { state } = inspected;
  return (
    <ActivateAccount
      activationKey={link.key}
      state={state}
      loggedIn={(await getSession()) !== null}
      returnTo={await returnToOf(searchParams)}
    />
  );
}
