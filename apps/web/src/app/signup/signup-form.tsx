"use client";

import { signupInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { EmailField } from "../../components/email-field";
import { FormError } from "../../components/notice";
import { PasswordField } from "../../components/password-field";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";

const FIELDS = ["email", "password"] as const;

export function SignupForm({
  onSignedUp,
  providers = null,
}: {
  onSignedUp: (email: string) => void;
  providers?: ReactNode;
}) {
  const t = useTranslations("signup");
  const trpc = useTRPC();
  const signup = useMutation(trpc.auth.signup.mutationOptions());
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const fields = useFieldErrors(FIELDS);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: signupInput,
    values: { email, password },
    pending: signup.isPending,
    async send() {
      const result = await signup.mutateAsync({ email, password });
      onSignedUp(result.email);
    },
  });

  return (
    <Card
      title={t("formTitle")}
      intro={<p>{t("intro")}</p>}
      footer={
        <p>{t.rich("haveAccount", { link: (chunks) => <Link href="/login">{chunks}</Link> })}</p>
      }
    >
      {/* method="post": a submit before hydration must not put the password in the URL. */}
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={signup.isPending}>
        <Stack>
          <EmailField {...fields.bind("email", email, setEmail)} />
          <PasswordField
            {...fields.bind("password", password, setPassword)}
            purpose="new"
            email={email}
          />
          <Button type="submit" fullWidth pending={signup.isPending} pendingLabel={t("pending")}>
            {t("submit")}
          </Button>
          <FormError message={formError} />
        </Stack>
      </form>
      {providers}
    </Card>
  );
}
