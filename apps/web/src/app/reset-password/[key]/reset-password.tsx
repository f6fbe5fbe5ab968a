"use client";

import type { LinkStates } from "@latch/api";
import { resetPasswordInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../components/button";
import { Card, Stack } from "../../../components/card";
import { FormError } from "../../../components/notice";
import { type Outcome, OutcomeCard } from "../../../components/outcome-card";
import { PasswordField } from "../../../components/password-field";
import { useFieldErrors } from "../../../components/use-field-errors";
import { useFormSubmit } from "../../../components/use-form-submit";
import { useScreen } from "../../../components/use-screen";
import { useTRPC } from "../../../trpc/react";

type Screen = "form" | "expired" | "invalid" | "done";

/** Reasons that decide which screen to show; anything else is a message on the form. */
const SCREEN_OF_REASON: Record<string, Screen> = {
  RESET_KEY_EXPIRED: "expired",
  RESET_KEY_INVALID: "invalid",
};

const OUTCOMES: Record<Exclude<Screen, "form">, Outcome> = {
  done: {
    title: "Your password was changed",
    text: "Every session was logged out, on this device and all others. Log in with your new password.",
    href: "/login",
    action: "Log in",
  },
  expired: {
    title: "This link has expired",
    text: "Password reset links work for a limited time. Ask for a new one and use it soon after it arrives. Your password has not changed.",
    href: "/forgot-password",
    action: "Ask for a new link",
  },
  invalid: {
    title: "This link is not valid",
    text: "It may have been used already, or replaced by a newer link. Your password has not changed. You can ask for a new link.",
    href: "/forgot-password",
    action: "Ask for a new link",
  },
};

const FIELDS = ["password"] as const;

export function ResetPassword({
  resetKey,
  state,
}: {
  resetKey: string;
  /** What the link would do, read when the page was rendered (nothing spent). */
  state: LinkStates["password-reset"];
}) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const { screen, show, showScreenOf, headingRef } = useScreen<Screen>(
    state.status === "usable" ? "form" : (SCREEN_OF_REASON[state.reason] ?? "invalid"),
    SCREEN_OF_REASON,
  );
  const [password, setPassword] = useState("");
  const fields = useFieldErrors(FIELDS);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: resetPasswordInput,
    values: { key: resetKey, password },
    pending: reset.isPending,
    async send() {
      await reset.mutateAsync({ key: resetKey, password });
      show("done");
    },
    onReason: showScreenOf,
  });

  if (screen !== "form") return <OutcomeCard outcome={OUTCOMES[screen]} headingRef={headingRef} />;

  return (
    <Card
      title="Choose a new password"
      headingRef={headingRef}
      intro={<p>Saving it logs out every session of your account, on every device.</p>}
    >
      {/* method="post": a submit before hydration must not put the password in the URL. */}
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={reset.isPending}>
        <Stack>
          {/* For password managers: the account the new password is saved under. */}
          {state.status === "usable" ? (
            <input
              type="email"
              name="username"
              autoComplete="username"
              value={state.email}
              readOnly
              hidden
            />
          ) : null}
          <PasswordField
            {...fields.bind("password", password, setPassword)}
            label="New password"
            purpose="new"
            email={state.status === "usable" ? state.email : undefined}
          />
          <Button type="submit" fullWidth pending={reset.isPending} pendingLabel="Saving…">
            Save my new password
          </Button>
          <FormError message={formError} />
        </Stack>
      </form>
    </Card>
  );
}
