import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "../components/button-link";
import { Card } from "../components/card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notFound");
  return { title: t("title"), robots: { index: false } };
}

/** Replaces Next's default 404, whose inline styles the pages' CSP (rightly) refuses. */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <Card title={t("title")} intro={<p>{t("intro")}</p>}>
      <ButtonLink href="/">{t("action")}</ButtonLink>
    </Card>
  );
}
