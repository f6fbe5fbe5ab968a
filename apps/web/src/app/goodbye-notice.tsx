"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useBranding } from "../components/branding";
import { LiveRegion, Notice } from "../components/notice";

/**
 * Shown on the home page right after an account was deleted (see GOODBYE_URL),
 * or after "This wasn't me" ended every session (see SECURED_URL).
 */
export function GoodbyeNotice() {
  const { appName } = useBranding();
  const t = useTranslations("home");
  const account = useSearchParams().get("account");
  return (
    <LiveRegion>
      {account === "secured" ? (
        <Notice tone="success" title={t("securedTitle")}>
          <p>{t("securedText")}</p>
        </Notice>
      ) : null}
      {account === "deleted" ? (
        <Notice tone="success" title={t("deletedTitle")}>
          <p>{t("deletedText", { appName })}</p>
        </Notice>
      ) : null}
    </LiveRegion>
  );
}
