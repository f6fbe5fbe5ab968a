"use client";

import type { LinkStates } from "@latch/api";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("login.email");
  const common = useTranslations("components.common");
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

  if (screen !== "ready") {
    const outcome: Outcome = {
      title: screen === "expired" ? common("linkExpired") : common("linkInvalid"),
      text: screen === "expired" ? t("expiredText") : t("invalidText"),
      href: "/login/email",
      action: t("newLink"),
    };
    return <OutcomeCard outcome={outcome} headingRef={headingRef} />;
  }

  return (
    <Card
      title={common("logIn")}
      headingRef={headingRef}
      intro={
        state.status === "usable" ? (
          <p>
            {t.rich("linkIntro", {
              email: state.email,
              strong: (chunks) => <strong dir="ltr">{chunks}</strong>,
            })}
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
          <Button type="submit" fullWidth pending={pending} pendingLabel={common("loggingIn")}>
            {common("logIn")}
          </Button>
          <FormError message={problem} />
        </Stack>
      </form>
    </Card>
  );
}
