import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { returnToOf } from "../../../server/return-to";
import { getSession } from "../../../server/session";
import { EmailLoginFlow } from "./email-login-flow";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login.email");
  return { title: t("title") };
}

export default async function EmailLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const returnTo = await returnToOf(searchParams);
  if (await getSession()) redirect(returnTo ?? "/account");
  return <EmailLoginFlow returnTo={returnTo} />;
}
