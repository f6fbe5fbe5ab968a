"use client";

import type { LinkStates } from "@latch/api";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useBranding } from "../../../components/branding";
import { Button } from "../../../components/button";
import { ButtonLink } from "../../../components/button-link";
import { Card, Stack } from "../../../components/card";
import { FormError } from "../../../components/notice";
import { type Outcome, OutcomeCard } from "../../../components/outcome-card";
import { useScreen } from "../../../components/use-screen";
import { readApiError } from "../../../trpc/api-error";
import { useTRPC } from "../../../trpc/react";
import { useSession } from "../../../trpc/session";

type Screen = "ready" | "changed" | "expired" | "invalid" | "unavailable";
type DeadEnd = Exclude<Screen, "ready" | "changed">;

/** Reasons that decide which screen to show; anything else is a message on the current one. */
const SCREEN_OF_REASON: Record<string, DeadEnd> = {
  EMAIL_CHANGE_KEY_EXPIRED: "expired",
  EMAIL_CHANGE_KEY_INVALID: "invalid",
  EMAIL_UNAVAILABLE: "unavailable",
};

const TO_ACCOUNT = { href: "/account", action: "Go to your account" };

const OUTCOMES: Record<DeadEnd, Outcome> = {
  expired: {
    title: "This link has expired",
    text: "Confirmation links work for a limited time, and your address has not changed. Ask for the change again from your account page.",
    ...TO_ACCOUNT,
  },
  invalid: {
    title: "This link is not valid",
    text: "It may have been used already, or replaced by a newer request. Your address has not changed by this link.",
    ...TO_ACCOUNT,
  },
  unavailable: {
    title: "That address is no longer available",
    text: "Another account started using it after you asked for the change, so your address stays as it was. You can ask to change to a different address.",
    ...TO_ACCOUNT,
  },
};

export function ConfirmEmailChange({
  changeKey,
  state,
}: {
  changeKey: string;
  /** What the link would do, read when the page was rendered (nothing spent). */
  state: LinkStates["email-change"];
}) {
  const { appName } = useBranding();
  const trpc = useTRPC();
  const { refresh } = useSession();
  const confirm = useMutation(trpc.auth.confirmEmailChange.mutationOptions());
  const { screen, show, showScreenOf, headingRef } = useScreen<Screen>(
    state.status === "usable" ? "ready" : (SCREEN_OF_REASON[state.reason] ?? "invalid"),
    SCREEN_OF_REASON,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [changed, setChanged] = useState<{ email: string; loggedIn: boolean } | null>(null);
  // The refresh below belongs to the confirmation: keep the button pending until it is done.
  const [finishing, setFinishing] = useState(false);

  async function onConfirm() {
    setProblem(null);
    try {
      const { email } = await confirm.mutateAsync({ key: changeKey });
      setFinishing(true);
      // A signed-in browser's access token still names the old address until it is refreshed;
      // refreshing now also tells us whether this browser is logged in at all.
      const outcome = await refresh();
      setChanged({ email, loggedIn: outcome.status === "refreshed" });
      show("changed");
    } catch (error) {
      const { reason, message } = readApiError(error);
      if (!showScreenOf(reason)) setProblem(message);
    } finally {
      setFinishing(false);
    }
  }

  if (screen === "changed" && changed) {
    return (
      <Card
        title="Your email address was changed"
        headingRef={headingRef}
        intro={
          <p>
            From now on, log in with <strong data-testid="changed-email">{changed.email}</strong>.
            Emails from {appName} go to this address too.
          </p>
        }
      >
        {changed.loggedIn ? (
          <ButtonLink href="/account">Go to your account</ButtonLink>
        ) : (
          <ButtonLink href="/login">Log in</ButtonLink>
        )}
      </Card>
    );
  }

  if (screen !== "ready" && screen !== "changed") {
    return <OutcomeCard outcome={OUTCOMES[screen]} headingRef={headingRef} />;
  }

  return (
    <Card
      title="Confirm your new email address"
      headingRef={headingRef}
      intro={
        <p>
          One last step: confirm that{" "}
          {state.status === "usable" ? <strong>{state.newEmail}</strong> : "this"} is the address
          you want to use with {appName}.
        </p>
      }
    >
      <Stack>
        <Button
          fullWidth
          pending={confirm.isPending || finishing}
          pendingLabel="Confirming…"
          onClick={onConfirm}
        >
          Confirm my new address
        </Button>
        <FormError message={problem} />
      </Stack>
    </Card>
  );
}
