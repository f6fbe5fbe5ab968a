import { directionOf, isLocale } from "@latch/i18n";
import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BrandingProvider } from "../components/branding";
import { SiteHeader } from "../components/site-header";
import { pageBranding } from "../server/branding";
import { TRPCReactProvider } from "../trpc/react";
import "../styles/globals.css";
import styles from "./layout.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const { appName } = pageBranding();
  const t = await getTranslations("layout");
  return {
    title: { default: appName, template: `%s · ${appName}` },
    description: t("description"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page carries a per-request CSP nonce (src/proxy.ts), which a prerendered page cannot.
export const dynamic = "force-dynamic";

/** The nonce src/proxy.ts put in this request's CSP, for the one inline style below. */
async function styleNonce(): Promise<string | undefined> {
  const policy = (await headers()).get("content-security-policy") ?? "";
  return policy.match(/'nonce-([^']+)'/)?.[1];
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const branding = pageBranding();
  const locale = await getLocale();
  // Emails are worded on the server only: their texts stay out of every page's payload.
  const { emails: _emails, ...pageMessages } = await getMessages();
  const t = await getTranslations("layout");
  return (
    <html lang={locale} dir={isLocale(locale) ? directionOf(locale) : "ltr"}>
      <head>
        {/* The brand colour is configuration (BRAND_ACCENT_COLOR), shared with the emails. */}
        <style nonce={await styleNonce()}>{`:root { --accent: ${branding.accentColor}; }`}</style>
      </head>
      <body>
        <NextIntlClientProvider messages={pageMessages}>
          <TRPCReactProvider>
            <BrandingProvider value={branding}>
              <SiteHeader appName={branding.appName} />
              {/* Every form here runs in the page (the API speaks JSON, not form posts). */}
              <noscript>
                <p className={styles.noscript}>{t("noscript")}</p>
              </noscript>
              {/* tabIndex -1 so the skip link moves keyboard focus here, not just the scroll position. */}
              <main id="main" tabIndex={-1} className={styles.main}>
                {children}
              </main>
              <footer className={styles.footer}>
                {t("footer", { appName: branding.appName })}
                {branding.supportEmail ? (
                  <>
                    {" "}
                    {t("help")}{" "}
                    <a href={`mailto:${branding.supportEmail}`}>{branding.supportEmail}</a>
                  </>
                ) : null}
              </footer>
            </BrandingProvider>
          </TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
