"use client";

import { requestPasswordResetInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("forgotPassword");
  const common = useTranslations("components.common");
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
      title={t("title")}
      intro={<p>{t("intro")}</p>}
      footer={
        <p>{t.rich("remembered", { link: (chunks) => <Link href="/login">{chunks}</Link> })}</p>
      }
    >
      <form noValidate onSubmit={onSubmit} aria-busy={request.isPending}>
        <Stack>
          <EmailField {...fields.bind("email", email, setEmail)} autoComplete="username" />
          <Button
            type="submit"
            fullWidth
            pending={request.isPending}
            pendingLabel={common("sending")}
          >
            {t("submit")}
          </Button>
          <FormError message={formError} />
        </Stack>
      </form>
    </Card>
  );
}
