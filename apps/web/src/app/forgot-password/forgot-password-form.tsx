"use client";

import { requestPasswordResetInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { EmailField } from "../../components/email-field";
import { FormError } from "../../components/notice";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";

const FIELDS = ["email"] as const;

export function ForgotPasswordForm({ onSent }: { onSent: (email: string) => void }) {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const [email, setEmail] = useState("");
  const fields = useFieldErrors(FIELDS);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: requestPasswordResetInput,
    values: { email },
    pending: request.isPending,
    async send(checked) {
      await request.mutateAsync({ email });
      onSent(checked.email);
    },
  });

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
