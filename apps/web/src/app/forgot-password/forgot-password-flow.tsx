"use client";

import { useState } from "react";
import { ForgotPasswordForm } from "./forgot-password-form";
import { ResetLinkSent } from "./reset-link-sent";

/** The form, then (same URL) the "we sent a link" screen for the address it was sent to. */
export function ForgotPasswordFlow() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) return <ResetLinkSent email={sentTo} onChangeAddress={() => setSentTo(null)} />;
  return <ForgotPasswordForm onSent={setSentTo} />;
}
