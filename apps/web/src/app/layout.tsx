import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { BrandingProvider } from "../components/branding";
import { SiteHeader } from "../components/site-header";
import { pageBranding } from "../server/branding";
import { TRPCReactProvider } from "../trpc/react";
import "../styles/globals.css";
import styles from "./layout.module.css";

export function generateMetadata(): Metadata {
  const { appName } = pageBranding();
  return {
    title: { default: appName, template: `%s · ${appName}` },
    description: "Sign up, activate, log in.",
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
  return (
    <html lang="en">
      <head>
        {/* The brand colour is configuration (BRAND_ACCENT_COLOR), shared with the emails. */}
        <style nonce={await styleNonce()}>{`:root { --accent: ${branding.accentColor}; }`}</style>
      </head>
      <body>
        <TRPCReactProvider>
          <BrandingProvider value={branding}>
            <SiteHeader appName={branding.appName} />
            {/* Every form here runs in the page (the API speaks JSON, not form posts). */}
            <noscript>
              <p className={styles.noscript}>
                Signing up, logging in and managing your account need JavaScript. Turn it on for
                this site, then reload the page.
              </p>
            </noscript>
            {/* tabIndex -1 so the skip link moves keyboard focus here, not just the scroll position. */}
            <main id="main" tabIndex={-1} className={styles.main}>
              {children}
            </main>
            <footer className={styles.footer}>
              {branding.appName}: email sign-up with activation links.
              {branding.supportEmail ? (
                <>
                  {" "}
                  Help: <a href={`mailto:${branding.supportEmail}`}>{branding.supportEmail}</a>
                </>
              ) : null}
            </footer>
          </BrandingProvider>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
