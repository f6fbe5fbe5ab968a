"use client";

import { loginInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { EmailField } from "../../components/email-field";
import { FormError, LiveRegion, Notice } from "../../components/notice";
import { PasswordField } from "../../components/password-field";
import { schemaFieldErrors, useFieldErrors } from "../../components/use-field-errors";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";
import { useSession } from "../../trpc/session";
import { ResendActivation } from "./resend-activation";

const FIELDS = ["email", "password"] as const;

/** `inactiveEmail`: the login proved the password of an account not activated yet. */
type Problem = { message: string; inactiveEmail: string | null } | null;

export function LoginForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const { setSession } = useSession();
  const login = useMutation(trpc.session.login.mutationOptions());
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const fields = useFieldErrors(FIELDS);
  // Navigation to /account takes a moment after the call returns; stay "pending" until it is done.
  const [leaving, setLeaving] = useState(false);
  const pending = login.isPending || leaving;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setProblem(null);
    const checked = loginInput.safeParse({ email, password });
    if (!checked.success) {
      fields.show(schemaFieldErrors(checked.error));
      return;
    }
    fields.reset();
    try {
      const session = await login.mutateAsync({ email, password });
      setSession({ user: session.user, accessExpiresAt: session.accessExpiresAt });
      setLeaving(true);
      router.push("/account");
    } catch (error) {
      const { reason, message, fieldErrors } = readApiError(error);
      if (reason === "INVALID_INPUT") fields.show(fieldErrors);
      else {
        setProblem({ message, inactiveEmail: reason === "ACCOUNT_NOT_ACTIVATED" ? email : null });
      }
    }
  }

  return (
    <Card
      title="Log in"
      footer={
        <>
          <p>
            <Link href="/forgot-password">Forgot your password?</Link>
          </p>
          <p>
            New here? <Link href="/signup">Create an account</Link>
          </p>
        </>
      }
    >
      {/* method="post": a submit before hydration must not put the password in the URL. */}
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <Stack>
          <EmailField {...fields.bind("email", email, setEmail)} autoComplete="username" />
          <PasswordField {...fields.bind("password", password, setPassword)} purpose="current" />
          <Button type="submit" fullWidth pending={pending} pendingLabel="Logging in…">
            Log in
          </Button>
          {/* Not activated is no mistake of the person's: a hint with a way forward, not an error. */}
          <FormError message={problem && !problem.inactiveEmail ? problem.message : null} />
          <LiveRegion>
            {problem?.inactiveEmail ? (
              <Notice tone="info" title="Activate your account first">
                <p>{problem.message}</p>
                <ResendActivation email={problem.inactiveEmail} />
              </Notice>
            ) : null}
          </LiveRegion>
        </Stack>
      </form>
    </Card>
  );
}
