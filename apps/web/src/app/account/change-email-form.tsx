"use client";

import { requestEmailChangeInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { Stack } from "../../components/card";
import { EmailField } from "../../components/email-field";
import { FormError, LiveRegion, Notice } from "../../components/notice";
import { PasswordField } from "../../components/password-field";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";
import { useWrongPassword } from "./account-messages";

const FIELDS = ["newEmail", "password"] as const;

export function ChangeEmailForm() {
  const t = useTranslations("account");
  const wrongPassword = useWrongPassword();
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestEmailChange.mutationOptions());
  const [newEmail, setNewEmail] = useState("");
  const [password, setPassword] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const fields = useFieldErrors(FIELDS);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: requestEmailChangeInput,
    values: { newEmail, password },
    pending: request.isPending,
    onAttempt: () => setSentTo(null),
    async send(checked) {
      await request.mutateAsync({ newEmail, password });
      setPassword("");
      setSentTo(checked.newEmail);
    },
    onReason(reason, { message }) {
      if (reason === "INVALID_CREDENTIALS") fields.show({ password: [wrongPassword] });
      else if (reason === "EMAIL_UNCHANGED") fields.show({ newEmail: [message] });
      else return false;
      return true;
    },
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} aria-busy={request.isPending}>
      <Stack>
        <EmailField
          {...fields.bind("newEmail", newEmail, setNewEmail)}
          label={t("email.newEmail")}
        />
        <PasswordField
          {...fields.bind("password", password, setPassword)}
          label={t("yourPassword")}
          purpose="current"
        />
        <Button type="submit" pending={request.isPending} pendingLabel={t("email.pending")}>
          {t("email.submit")}
        </Button>
        <FormError message={formError} />
        <LiveRegion>
          {sentTo ? (
            // The API answers alike when the address is taken, so neither may this page say more.
            <Notice tone="success" title={t("email.sentTitle")}>
              <p>
                {t.rich("email.sentBody", {
                  email: sentTo,
                  strong: (chunks) => <strong>{chunks}</strong>,
                })}
              </p>
            </Notice>
          ) : null}
        </LiveRegion>
      </Stack>
    </form>
  );
}
