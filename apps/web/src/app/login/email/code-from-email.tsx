"use client";

import { passwordlessVerifyInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "../../../components/button";
import { Card, Stack } from "../../../components/card";
import { CodeField } from "../../../components/code-field";
import { FormError } from "../../../components/notice";
import { useFieldErrors } from "../../../components/use-field-errors";
import { useFormSubmit } from "../../../components/use-form-submit";
import { useHeadingFocusedOnMount } from "../../../components/use-screen";
import { useTRPC } from "../../../trpc/react";
import type { FirstStepResult } from "../use-finish-login";

const FIELDS = ["code"] as const;

/**
 * "Check your inbox", with the email's code for a person who reads it on
 * another device (or would rather type than switch tabs). It says "if": the
 * API answers alike for every address. A wrong code is said at the field;
 * being rate limited or an outage, under the button (both live regions).
 */
export function CodeFromEmail({
  email,
  leaving,
  onResult,
  onChangeAddress,
}: {
  email: string;
  leaving: boolean;
  onResult: (result: FirstStepResult) => void;
  onChangeAddress: () => void;
}) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.session.passwordless.verify.mutationOptions());
  const [code, setCode] = useState("");
  const fields = useFieldErrors(FIELDS);
  const pending = verify.isPending || leaving;
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: passwordlessVerifyInput,
    values: { email, code },
    pending,
    async send(checked) {
      onResult(await verify.mutateAsync(checked));
    },
  });
  const heading = useHeadingFocusedOnMount();

  return (
    <Card
      title="Check your inbox"
      headingRef={heading}
      intro={
        <p>
          If an account exists for <strong>{email}</strong>, we sent it a link that logs you in and
          a 6-digit code. Open the link, or enter the code here. Only the newest email works, for a
          limited time.
        </p>
      }
      footer={
        <p>
          <Link href="/login">Back to log in</Link>
        </p>
      }
    >
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <Stack>
          <CodeField
            {...fields.bind("code", code, setCode)}
            label="Code from the email"
            hint="The 6 digits printed in the login email."
          />
          <Button type="submit" fullWidth pending={pending} pendingLabel="Logging in…">
            Log in
          </Button>
          <FormError message={formError} />
          <p>Nothing there? Look in your spam folder.</p>
          <p>
            Wrong address?{" "}
            <Button variant="quiet" onClick={onChangeAddress}>
              Use a different email
            </Button>
          </p>
        </Stack>
      </form>
    </Card>
  );
}
