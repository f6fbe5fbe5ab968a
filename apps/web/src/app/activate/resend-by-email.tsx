"use client";

import { resendActivationInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { EmailField } from "../../components/email-field";
import { FormError, LiveRegion, Notice } from "../../components/notice";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";

const FIELDS = ["email"] as const;

export function ResendByEmail() {
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendActivation.mutationOptions());
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const fields = useFieldErrors(FIELDS);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: resendActivationInput,
    values: { email },
    pending: resend.isPending,
    onAttempt: () => setSentTo(null),
    async send(checked) {
      await resend.mutateAsync({ email });
      setSentTo(checked.email);
    },
  });

  return (
    <Card
      title="Get a new activation link"
      intro={<p>Enter the address you signed up with and we will email you a fresh link.</p>}
      footer={
        <p>
          Already activated? <Link href="/login">Log in</Link>
        </p>
      }
    >
      <form noValidate onSubmit={onSubmit} aria-busy={resend.isPending}>
        <Stack>
          <EmailField {...fields.bind("email", email, setEmail)} />
          <Button type="submit" fullWidth pending={resend.isPending} pendingLabel="Sending…">
            Send the link
          </Button>
          <FormError message={formError} />
          <LiveRegion>
            {sentTo ? (
              // The API answers alike for every address, so neither may this page say more.
              <Notice tone="success" title="Check your inbox">
                <p>
                  If <strong>{sentTo}</strong> has an account waiting for activation, a new link is
                  on its way. Only the newest link works.
                </p>
              </Notice>
            ) : null}
          </LiveRegion>
        </Stack>
      </form>
    </Card>
  );
}
