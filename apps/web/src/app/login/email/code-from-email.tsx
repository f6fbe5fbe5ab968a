"use client";

import { passwordlessVerifyInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("login.email");
  const common = useTranslations("components.common");
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
      title={common("checkInbox")}
      headingRef={heading}
      intro={
        <p>
          {t.rich("sentIntro", {
            email,
            strong: (chunks) => <strong dir="ltr">{chunks}</strong>,
          })}
        </p>
      }
      footer={
        <p>
          <Link href="/login">{common("backToLogin")}</Link>
        </p>
      }
    >
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <Stack>
          <CodeField
            {...fields.bind("code", code, setCode)}
            label={t("codeLabel")}
            hint={t("codeHint")}
          />
          <Button type="submit" fullWidth pending={pending} pendingLabel={common("loggingIn")}>
            {common("logIn")}
          </Button>
          <FormError message={formError} />
          <p>{t("nothingThere")}</p>
          <p>
            {common("wrongAddress")}{" "}
            <Button variant="quiet" onClick={onChangeAddress}>
              {common("useDifferentEmail")}
            </Button>
          </p>
        </Stack>
      </form>
    </Card>
  );
}
