"use client";

import { resendActivationInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("activate");
  const common = useTranslations("components.common");
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
      title={t("resendTitle")}
      intro={<p>{t("resendIntro")}</p>}
      footer={
        <p>
          {t.rich("alreadyActivated", { link: (chunks) => <Link href="/login">{chunks}</Link> })}
        </p>
      }
    >
      <form noValidate onSubmit={onSubmit} aria-busy={resend.isPending}>
        <Stack>
          <EmailField {...fields.bind("email", email, setEmail)} />
          <Button
            type="submit"
            fullWidth
            pending={resend.isPending}
            pendingLabel={common("sending")}
          >
            {t("resendSubmit")}
          </Button>
          <FormError message={formError} />
          <LiveRegion>
            {sentTo ? (
              // The API answers alike for every address, so neither may this page say more.
              <Notice tone="success" title={common("checkInbox")}>
                <p>
                  {t.rich("resendSent", {
                    email: sentTo,
                    strong: (chunks) => <strong dir="ltr">{chunks}</strong>,
                  })}
                </p>
              </Notice>
            ) : null}
          </LiveRegion>
        </Stack>
      </form>
    </Card>
  );
}
