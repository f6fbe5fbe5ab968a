import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ResendByEmail } from "./resend-by-email";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("activate");
  return { title: t("resendPageTitle") };
}

export default function ActivatePage() {
  return <ResendByEmail />;
}
