"use client";

import { loginPasswordSchema, passkeyNameSchema } from "@latch/validators";
import { startRegistration } from "@simplewebauthn/browser";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { Button } from "../../components/button";
import { Stack } from "../../components/card";
import { Field } from "../../components/field";
import { FormError } from "../../components/notice";
import { usePasskeyProblem } from "../../components/passkey-problem";
import { PasswordField } from "../../components/password-field";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";
import styles from "./account.module.css";
import { useWrongPassword } from "./account-messages";

const FIELDS = ["name", "password"] as const;
const addPasskeyInput = z.object({ name: passkeyNameSchema, password: loginPasswordSchema });

/**
 * Adds a passkey: the password first (a borrowed session must not add its
 * own way in), then the browser's prompt, then Latch checks what the
 * authenticator made and keeps its public key under the chosen name.
 */
export function AddPasskeyForm({
  onAdded,
  onCancel,
}: {
  onAdded: (name: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("account");
  const passkeyProblem = usePasskeyProblem();
  const wrongPassword = useWrongPassword();
  const trpc = useTRPC();
  const options = useMutation(trpc.auth.passkeys.generateRegistrationOptions.mutationOptions());
  const verify = useMutation(trpc.auth.passkeys.verifyRegistrationResponse.mutationOptions());
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [ceremony, setCeremony] = useState(false);
  const fields = useFieldErrors(FIELDS);
  const { onValueChange: typeName, ...nameField } = fields.bind("name", name, setName);
  const pending = options.isPending || verify.isPending || ceremony;
  const [browserProblem, setBrowserProblem] = useState<string | null>(null);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: addPasskeyInput,
    values: { name, password },
    pending,
    onAttempt: () => setBrowserProblem(null),
    async send(checked) {
      const optionsJSON = await options.mutateAsync({ password: checked.password });
      setCeremony(true);
      let response: Awaited<ReturnType<typeof startRegistration>>;
      try {
        response = await startRegistration({ optionsJSON });
      } catch (error) {
        setBrowserProblem(passkeyProblem(error).message);
        return;
      } finally {
        setCeremony(false);
      }
      await verify.mutateAsync({ name: checked.name, response });
      onAdded(checked.name);
    },
    onReason(reason) {
      if (reason !== "INVALID_CREDENTIALS") return false;
      fields.show({ password: [wrongPassword] });
      return true;
    },
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} aria-busy={pending}>
      <Stack>
        <Field
          {...nameField}
          label={t("passkeys.nameLabel")}
          hint={t("passkeys.nameHint")}
          autoComplete="off"
          maxLength={64}
          required
          onChange={(event) => typeName(event.target.value)}
        />
        <PasswordField
          {...fields.bind("password", password, setPassword)}
          label={t("yourPassword")}
          purpose="current"
        />
        <div className={styles.actions}>
          <Button type="submit" pending={pending} pendingLabel={t("passkeys.adding")}>
            {t("passkeys.submit")}
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            {t("cancel")}
          </Button>
        </div>
        <FormError message={formError ?? browserProblem} />
      </Stack>
    </form>
  );
}
