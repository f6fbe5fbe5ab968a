"use client";

import { resetPasswordInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "../../../components/button";
import { ButtonLink } from "../../../components/button-link";
import { Card, Stack } from "../../../components/card";
import { FormError } from "../../../components/notice";
import { PasswordField } from "../../../components/password-field";
import { schemaFieldErrors, useFieldErrors } from "../../../components/use-field-errors";
import { useScreen } from "../../../components/use-screen";
import { readApiError } from "../../../trpc/api-error";
import { useTRPC } from "../../../trpc/react";

type Screen = "form" | "expired" | "invalid" | "done";

/** Reasons that decide which screen to show; anything else is a message on the form. */
const SCREEN_OF_REASON: Record<string, Screen> = {
  RESET_KEY_EXPIRED: "expired",
  RESET_KEY_INVALID: "invalid",
};

const FIELDS = ["password"] as const;

export function ResetPassword({ resetKey, wellFormed }: { resetKey: string; wellFormed: boolean }) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const { screen, show, headingRef } = useScreen<Screen>(wellFormed ? "form" : "invalid");
  const [password, setPassword] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const fields = useFieldErrors(FIELDS);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reset.isPending) return;
    setFormError(null);
    const checked = resetPasswordInput.safeParse({ key: resetKey, password });
    if (!checked.success) {
      fields.show(schemaFieldErrors(checked.error));
      return;
    }
    fields.reset();
    try {
      await reset.mutateAsync({ key: resetKey, password });
      show("done");
    } catch (error) {
      const { reason, message, fieldErrors } = readApiError(error);
      const next = SCREEN_OF_REASON[reason];
      if (next) show(next);
      else if (reason === "INVALID_INPUT") fields.show(fieldErrors);
      else setFormError(message);
    }
  }

  if (screen === "done") {
    return (
      <Card
        title="Your password was changed"
        headingRef={headingRef}
        intro={
          <p>
            Every session was signed out, on this device and all others. Log in with your new
            password.
          </p>
        }
      >
        <ButtonLink href="/login">Log in</ButtonLink>
      </Card>
    );
  }

  if (screen === "expired") {
    return (
      <Card
        title="This link has expired"
        headingRef={headingRef}
        intro={
          <p>
            Password reset links work for a limited time. Ask for a new one and use it soon after it
            arrives. Your password has not changed.
          </p>
        }
      >
        <ButtonLink href="/forgot-password">Ask for a new link</ButtonLink>
      </Card>
    );
  }

  if (screen === "invalid") {
    return (
      <Card
        title="This link is not valid"
        headingRef={headingRef}
        intro={
          <p>
            It may have been used already, or replaced by a newer link. Your password has not
            changed. You can ask for a new link.
          </p>
        }
      >
        <ButtonLink href="/forgot-password">Ask for a new link</ButtonLink>
      </Card>
    );
  }

  return (
    <Card
      title="Choose a new password"
      headingRef={headingRef}
      intro={<p>Saving it signs out every session of your account, on every device.</p>}
    >
      {/* method="post": a submit before hydration must not put the password in the URL. */}
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={reset.isPending}>
        <Stack>
          <PasswordField
            {...fields.bind("password", password, setPassword)}
            label="New password"
            purpose="new"
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
