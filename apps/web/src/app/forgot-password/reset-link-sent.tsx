"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { useHeadingFocusedOnMount } from "../../components/use-screen";

/**
 * The API answers alike for every address (anything else would tell a
 * stranger which addresses have accounts), so this screen says "if".
 */
export function ResetLinkSent({
  email,
  onChangeAddress,
}: {
  email: string;
  onChangeAddress: () => void;
}) {
  const t = useTranslations("forgotPassword");
  const common = useTranslations("components.common");
  const heading = useHeadingFocusedOnMount();

  return (
    <Card
      title={common("checkInbox")}
      headingRef={heading}
      intro={
        <p>
          {t.rich("sentIntro", {
            email,
            strong: (chunks) => <strong dir="ltr">{chunks}</strong>,
          })}
        </p>
      }
      footer={
        <p>
          <Link href="/login">{common("backToLogin")}</Link>
        </p>
      }
    >
      <Stack>
        <p>{t("nothingThere")}</p>
        <p>
          {common("wrongAddress")}{" "}
          <Button variant="quiet" onClick={onChangeAddress}>
            {common("useDifferentEmail")}
          </Button>
        </p>
      </Stack>
    </Card>
  );
}
