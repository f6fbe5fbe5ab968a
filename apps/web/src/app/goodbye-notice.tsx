"use client";

import { useSearchParams } from "next/navigation";
import { LiveRegion, Notice } from "../components/notice";

/** Shown on the home page right after an account was deleted (see GOODBYE_URL). */
export function GoodbyeNotice() {
  const deleted = useSearchParams().get("account") === "deleted";
  return (
    <LiveRegion>
      {deleted ? (
        <Notice tone="success" title="Your account was deleted">
          <p>Everything tied to it is gone and you are signed out. Thank you for using Latch.</p>
        </Notice>
      ) : null}
    </LiveRegion>
  );
}
