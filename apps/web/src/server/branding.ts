import "server-only";
import { readProcessEnv } from "@latch/composition/env";
import type { PageBranding } from "../components/branding";

let branding: PageBranding | undefined;

/** The same branding variables the emails use (APP_NAME, SUPPORT_EMAIL, BRAND_ACCENT_COLOR). */
export function pageBranding(): PageBranding {
  if (!branding) {
    const env = readProcessEnv();
    branding = {
      appName: env.APP_NAME,
      supportEmail: env.SUPPORT_EMAIL ?? null,
      accentColor: env.BRAND_ACCENT_COLOR,
    };
  }
  return branding;
}
