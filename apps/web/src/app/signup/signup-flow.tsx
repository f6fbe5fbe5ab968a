"use client";

import { useState } from "react";
import { CheckInbox } from "./check-inbox";
import { SignupForm } from "./signup-form";

/** The form, then (same URL) the "check your inbox" screen for the address it was sent to. */
export function SignupFlow() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) return <CheckInbox email={sentTo} onChangeAddress={() => setSentTo(null)} />;
  return <SignupForm onSignedUp={setSentTo} />;
}
