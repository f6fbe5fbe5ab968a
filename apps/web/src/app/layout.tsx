import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "../components/site-header";
import { TRPCReactProvider } from "../trpc/react";
import "../styles/globals.css";
import styles from "./layout.module.css";

export const metadata: Metadata = {
  title: { default: "Latch", template: "%s · Latch" },
  description: "Sign up, activate, sign in.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page carries a per-request CSP nonce (src/proxy.ts), which a prerendered page cannot.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>
          <SiteHeader />
          {/* tabIndex -1 so the skip link moves keyboard focus here, not just the scroll position. */}
          <main id="main" tabIndex={-1} className={styles.main}>
            {children}
          </main>
          <footer className={styles.footer}>Latch: email sign-up with activation links.</footer>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
