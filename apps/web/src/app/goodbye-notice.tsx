"use client";

import { useSearchParams } from "next/navigation";
import { useBranding } from "../components/branding";
import { LiveRegion, Notice } from "../components/notice";

/**
 * Shown on the home page right after an account was deleted (see GOODBYE_URL),
 * or after "This wasn't me" ended every session (see SECURED_URL).
 */
export function GoodbyeNotice() {
  const { appName } = useBranding();
  const account = useSearchParams().get("account");
  return (
    <LiveRegion>
      {account === "secured" ? (
        <Notice tone="success" title="Every session of your account was ended">
          <p>
            You are logged out everywhere, this device too. We emailed you a link to choose a new
            password: open it before you log in again.
          </p>
        </Notice>
      ) : null}
      {account === "deleted" ? (
        <Notice tone="success" title="Your account was deleted">
          <p>
            Everything tied to it is gone and you are logged out. Thank you for using {appName}.
          </p>
        </Notice>
      ) : null}
    </LiveRegion>
  );
}
