"use client";

import { useState } from "react";
import { SecondStepForm } from "../second-step-form";
import { useFinishLogin } from "../use-finish-login";
import { CodeFromEmail } from "./code-from-email";
import { EmailLoginForm } from "./email-login-form";

/**
 * Asking for a login email, then (same URL) "check your inbox" with the
 * email's code, then the second step for an account that has one. The link
 * in the email opens /login/email/<key> instead, on whatever device it is read.
 */
export function EmailLoginFlow({ returnTo }: { returnTo: string | null }) {
  const { finish, loggedIn, leaving, ticket, setTicket } = useFinishLogin(returnTo);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [restartedBecause, setRestartedBecause] = useState<string | null>(null);

  if (ticket) {
    return (
      <SecondStepForm
        ticket={ticket.ticket}
        methods={ticket.methods}
        leaving={leaving}
        onLoggedIn={loggedIn}
        onRestart={(message) => {
          // The email's link and code were spent on the ticket: a new email is needed.
          setTicket(null);
          setSentTo(null);
          setRestartedBecause(message);
        }}
      />
    );
  }

  if (sentTo) {
    return (
      <CodeFromEmail
        email={sentTo}
        leaving={leaving}
        onResult={finish}
        onChangeAddress={() => setSentTo(null)}
      />
    );
  }

  return (
    <EmailLoginForm
      email={email}
      onEmailChange={setEmail}
      problem={restartedBecause}
      onSent={(address) => {
        setRestartedBecause(null);
        setSentTo(address);
      }}
    />
  );
}
