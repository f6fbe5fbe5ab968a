"use client";

import { requestPasswordResetInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { EmailField } from "../../components/email-field";
import { FormError } from "../../components/notice";
import { schemaFieldErrors, useFieldErrors } from "../../components/use-field-errors";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";

const FIELDS = ["email"] as const;

export function ForgotPasswordForm({ onSent }: { onSent: (email: string) => void }) {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const [email, setEmail] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const fields = useFieldErrors(FIELDS);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending) return;
    setFormError(null);
    const checked = requestPasswordResetInput.safeParse({ email });
    if (!checked.success) {
      fields.show(schemaFieldErrors(checked.error));
      return;
    }
    fields.reset();
    try {
      await request.mutateAsync({ email });
      onSent(checked.data.email);
    } catch (error) {
      const problem = readApiError(error);
      if (problem.reason === "INVALID_INPUT") fields.show(problem.fieldErrors);
      else setFormError(problem.message);
    }
  }

  return (
    <Card
      title="Reset your password"
      intro={
        <p>
          Enter the address you log in with and we will email you a link to choose a new password.
        </p>
      }
      footer={
        <p>
          Remembered it? <Link href="/login">Log in</Link>
        </p>
      }
    >
      <form noValidate onSubmit={onSubmit} aria-busy={request.isPending}>
        <Stack>
          <EmailField {...fields.bind("email", email, setEmail)} autoComplete="username" />
          <Button type="submit" fullWidth pending={request.isPending} pendingLabel="Sending…">
            Email me a reset link
          </Button>
          <FormError message={formError} />
        </Stack>
      </form>
    </Card>
  );
}
