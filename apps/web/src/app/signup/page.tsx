import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProviderButtons } from "../../components/provider-buttons";
import { getSession } from "../../server/session";
import { SignupFlow } from "./signup-flow";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signup");
  return { title: t("title") };
}

export default async function SignupPage() {
  if (await getSession()) redirect("/account");
  return <SignupFlow providers={<ProviderButtons returnTo={null} />} />;
}
