import { oneTimeKeySchema } from "@latch/validators";
import { getTranslations } from "next-intl/server";
import { returnToOf } from "../../../../server/return-to";
import { inspectKeyLink, keyLinkMetadata, readKey } from "../../../key-link-page";
import { KeyLinkProblemCard } from "../../../key-link-problem";
import { EmailLinkLogin } from "./email-link-login";

export async function generateMetadata() {
  const t = await getTranslations("login");
  return keyLinkMetadata(t("title"));
}

/**
 * The landing page of the login email's link. Rendering it changes nothing:
 * mail scanners and link previews open links, so only the page's button (a
 * POST they will not make) logs in. The page only looks whether the link
 * still works, and for which address, so the person sees who they log in as.
 */
export default async function EmailLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const link = await readKey(params, oneTimeKeySchema);
  const inspected = await inspectKeyLink("passwordless-login", link, "LOGIN_LINK_INVALID");
  if ("problem" in inspected) return <KeyLinkProblemCard problem={inspected} />;
  return (
    <EmailLinkLogin
      loginKey={link.key}
      state={inspected.state}
      returnTo={await returnToOf(searchParams)}
    />
  );
}
