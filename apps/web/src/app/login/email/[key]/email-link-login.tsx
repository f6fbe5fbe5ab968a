"use client";

import type { LinkStates } from "@latch/api";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../components/button";
import { Card, Stack } from "../../../../components/card";
import { FormError } from "../../../../components/notice";
import { type Outcome, OutcomeCard } from "../../../../components/outcome-card";
import { useScreen } from "../../../../components/use-screen";
import { readApiError } from "../../../../trpc/api-error";
import { useTRPC } from "../../../../trpc/react";
import { SecondStepForm } from "../../second-step-form";
import { useFinishLogin } from "../../use-finish-login";

type Screen = "ready" | "expired" | "invalid";

/** Reasons that decide which screen to show; anything else is a message on the current one. */
const SCREEN_OF_REASON: Record<string, Screen> = {
  LOGIN_LINK_EXPIRED: "expired",
  LOGIN_LINK_INVALID: "invalid",
};

const OUTCOMES: Record<Exclude<Screen, "ready">, Outcome> = {
  expired: {
    title: "This link has expired",
    text: "Login links work for a limited time. Ask for a new email and use it soon after it arrives.",
    href: "/login/email",
    action: "Email me a new link",
  },
  invalid: {
    title: "This link is not valid",
    text: "It may have been used already, or replaced by a newer email. Each login link works once. You can ask for a new one.",
    href: "/login/email",
    action: "Email me a new link",
  },
};

export function EmailLinkLogin({
  loginKey,
  state,
  returnTo,
}: {
  loginKey: string;
  /** What the link would do, read when the page was rendered (nothing spent). */
  state: LinkStates["passwordless-login"];
  /** Where to go once logged in (checked by the page), else /account. */
  returnTo: string | null;
}) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.session.passwordless.verify.mutationOptions());
  const { finish, loggedIn, leaving, ticket, setTicket } = useFinishLogin(returnTo);
  const { screen, show, showScreenOf, headingRef } = useScreen<Screen>(
    state.status === "usable" ? "ready" : (SCREEN_OF_REASON[state.reason] ?? "invalid"),
    SCREEN_OF_REASON,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const pending = verify.isPending || leaving;

  async function logIn() {
    if (pending) return;
    setProblem(null);
    try {
      finish(await verify.mutateAsync({ key: loginKey }));
    } catch (error) {
      const { reason, message } = readApiError(error);
      if (!showScreenOf(reason)) setProblem(message);
    }
  }

  if (ticket) {
    return (
      <SecondStepForm
        ticket={ticket.ticket}
        methods={ticket.methods}
        leaving={leaving}
        onLoggedIn={loggedIn}
        onRestart={() => {
          // The link was spent on the ticket that ran out: only a new email logs in now.
          setTicket(null);
          show("invalid");
        }}
      />
    );
  }

  if (screen !== "ready") return <OutcomeCard outcome={OUTCOMES[screen]} headingRef={headingRef} />;

  return (
    <Card
      title="Log in"
      headingRef={headingRef}
      intro={
        state.status === "usable" ? (
          <p>
            Log in as <strong>{state.email}</strong>. The link works once.
          </p>
        ) : null
      }
    >
      {/* A POST on a press, never on load: mail scanners open links but press nothing. */}
      <form
        method="post"
        noValidate
        aria-busy={pending}
        onSubmit={(event) => {
          event.preventDefault();
          void logIn();
        }}
      >
        <Stack>
          <Button type="submit" fullWidth pending={pending} pendingLabel="Logging in…">
            Log in
          </Button>
          <FormError message={problem} />
        </Stack>
      </form>
    </Card>
  );
}
