import { errorData } from "@latch/api";
import { getTranslations } from "next-intl/server";
import { pageBranding } from "../server/branding";
import { Card } from "./card";

/**
 * What a server-rendered page shows while a dependency is down, instead of
 * the framework's error page: nothing is wrong with what the person did.
 */
export async function ServiceUnavailable() {
  const { appName } = pageBranding();
  const t = await getTranslations("components.serviceUnavailable");
  return <Card title={t("title", { appName })} intro={<p>{t("text", { appName })}</p>} />;
}

/** A dependency outage, as the reason of a server-side tRPC call's error says; a bug is not one. */
export function isServiceUnavailable(error: unknown): boolean {
  return errorData(error)?.reason === "SERVICE_UNAVAILABLE";
}
