"use client";

import { passwordlessStartInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "../../../components/button";
import { Card, Stack } from "../../../components/card";
import { EmailField } from "../../../components/email-field";
import { FormError } from "../../../components/notice";
import { useFieldErrors } from "../../../components/use-field-errors";
import { useFormSubmit } from "../../../components/use-form-submit";
import { useTRPC } from "../../../trpc/react";

const FIELDS = ["email"] as const;

/**
 * The address to send a login email to. The answer is the same whether or not
 * it has an account (anything else would tell a stranger which addresses do).
 * `problem`: why the person is back here (a second step that ran out).
 */
export function EmailLoginForm({
  email,
  onEmailChange,
  problem,
  onSent,
}: {
  email: string;
  onEmailChange: (email: string) => void;
  problem: string | null;
  onSent: (email: string) => void;
}) {
  const t = useTranslations("login.email");
  const common = useTranslations("components.common");
  const trpc = useTRPC();
  const start = useMutation(trpc.session.passwordless.start.mutationOptions());
  const fields = useFieldErrors(FIELDS);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: passwordlessStartInput,
    values: { email },
    pending: start.isPending,
    async send(checked) {
      await start.mutateAsync(checked);
      onSent(checked.email);
    },
  });

  return (
    <Card
      title={t("title")}
      intro={<p>{t("intro")}</p>}
      footer={
        <p>
          <Link href="/login">{t("passwordInstead")}</Link>
        </p>
      }
    >
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={start.isPending}>
        <Stack>
          <EmailField {...fields.bind("email", email, onEmailChange)} autoComplete="username" />
          <Button
            type="submit"
            fullWidth
            pending={start.isPending}
            pendingLabel={common("sending")}
          >
            {t("submit")}
          </Button>
          <FormError message={formError ?? problem} />
        </Stack>
      </form>
    </Card>
  );
}
