"use client";

import { type ReactNode, useState } from "react";
import { CheckInbox } from "./check-inbox";
import { SignupForm } from "./signup-form";

/**
 * The form, then (same URL) the "check your inbox" screen for the address it
 * was sent to. `providers`: the "Continue with" buttons, under the form.
 */
export function SignupFlow({ providers }: { providers?: ReactNode }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) return <CheckInbox email={sentTo} onChangeAddress={() => setSentTo(null)} />;
  return <SignupForm onSignedUp={setSentTo} providers={providers} />;
}
