"use client";

import { signupInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { EmailField } from "../../components/email-field";
import { FormError } from "../../components/notice";
import { PasswordField } from "../../components/password-field";
import { schemaFieldErrors, useFieldErrors } from "../../components/use-field-errors";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";

const FIELDS = ["email", "password"] as const;

export function SignupForm({ onSignedUp }: { onSignedUp: (email: string) => void }) {
  const trpc = useTRPC();
  const signup = useMutation(trpc.auth.signup.mutationOptions());
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const fields = useFieldErrors(FIELDS);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signup.isPending) return;
    setFormError(null);
    // The same schema the server applies, so most mistakes never leave the browser.
    const checked = signupInput.safeParse({ email, password });
    if (!checked.success) {
      fields.show(schemaFieldErrors(checked.error));
      return;
    }
    fields.reset();
    try {
      const result = await signup.mutateAsync({ email, password });
      onSignedUp(result.email);
    } catch (error) {
      const problem = readApiError(error);
      if (problem.reason === "INVALID_INPUT") fields.show(problem.fieldErrors);
      setFormError(problem.reason === "INVALID_INPUT" ? null : problem.message);
    }
  }

  return (
    <Card
      title="Create your account"
      intro={<p>We will email you a link to confirm the address before you can sign in.</p>}
      footer={
        <p>
          Already have an account? <Link href="/login">Log in</Link>
        </p>
      }
    >
      {/* method="post": a submit before hydration must not put the password in the URL. */}
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={signup.isPending}>
        <Stack>
          <EmailField {...fields.bind("email", email, setEmail)} />
          <PasswordField {...fields.bind("password", password, setPassword)} purpose="new" />
          <Button
            type="submit"
            fullWidth
            pending={signup.isPending}
            pendingLabel="Creating account…"
          >
            Create account
          </Button>
          <FormError message={formError} />
        </Stack>
      </form>
    </Card>
  );
}
