"use client";

import { useSearchParams } from "next/navigation";
import { useBranding } from "../components/branding";
import { LiveRegion, Notice } from "../components/notice";

/** Shown on the home page right after an account was deleted (see GOODBYE_URL). */
export function GoodbyeNotice() {
  const { appName } = useBranding();
  const deleted = useSearchParams().get("account") === "deleted";
  return (
    <LiveRegion>
      {deleted ? (
        <Notice tone="success" title="Your account was deleted">
          <p>
            Everything tied to it is gone and you are logged out. Thank you for using {appName}.
          </p>
        </Notice>
      ) : null}
    </LiveRegion>
  );
}
