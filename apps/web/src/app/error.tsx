"use client";

import { useTranslations } from "next-intl";
import { Button } from "../components/button";
import { Card } from "../components/card";

/**
 * What a page that failed to render shows, in the page's language, instead of
 * Next's own English error screen. Says nothing of the error itself.
 */
export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("errorPage");
  return (
    <Card title={t("title")} intro={<p>{t("intro")}</p>}>
      <Button onClick={reset}>{t("retry")}</Button>
    </Card>
  );
}
