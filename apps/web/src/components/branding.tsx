"use client";

import { createContext, type ReactNode, useContext } from "react";

export interface PageBranding {
  appName: string;
  supportEmail: string | null;
  accentColor: string;
}

const BrandingContext = createContext<PageBranding>({
  appName: "Latch",
  supportEmail: null,
  accentColor: "#2563eb",
});

/** Hands the server's branding to client components (set once, in the root layout). */
export function BrandingProvider({
  value,
  children,
}: {
  value: PageBranding;
  children: ReactNode;
}) {
  return <BrandingContext.Provider value={value}>{children}</BrandingContext.Provider>;
}

export function useBranding(): PageBranding {
  return useContext(BrandingContext);
}
