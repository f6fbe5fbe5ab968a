"use client";

import { disableSecondFactorInput } from "@latch/validators";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { Stack } from "../../components/card";
import { Field } from "../../components/field";
import { FormError } from "../../components/notice";
import { PasswordField } from "../../components/password-field";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import styles from "./account.module.css";
import { useWrongPassword } from "./account-messages";

const FIELDS = ["password", "code"] as const;

interface ProofFormProps {
  /** What the button says and does: turning it off, or new recovery codes. */
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  send: (input: { password: string; code: string }) => Promise<void>;
  onCancel: () => void;
}

/**
 * Weakening or resetting two-step login takes both factors: the password
 * and a current code (from the app, or a recovery code for a lost phone).
 */
export function SecondFactorProofForm(props: ProofFormProps) {
  const t = useTranslations("account");
  const wrongPassword = useWrongPassword();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const fields = useFieldErrors(FIELDS);
  const { onValueChange: typeCode, ...codeField } = fields.bind("code", code, setCode);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: disableSecondFactorInput,
    values: { password, code },
    pending: props.pending,
    send: (checked) => props.send(checked),
    onReason(reason, { message }) {
      if (reason === "INVALID_CREDENTIALS") fields.show({ password: [wrongPassword] });
      else if (reason === "SECOND_FACTOR_INVALID") fields.show({ code: [message] });
      else return false;
      return true;
    },
  });
  return (
    <form method="post" noValidate onSubmit={onSubmit} aria-busy={props.pending}>
      <Stack>
        <PasswordField
          {...fields.bind("password", password, setPassword)}
          label={t("yourPassword")}
          purpose="current"
        />
        <Field
          {...codeField}
          label={t("twoStep.proofCode")}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          required
          onChange={(event) => typeCode(event.target.value)}
        />
        <div className={styles.actions}>
          <Button type="submit" pending={props.pending} pendingLabel={props.pendingLabel}>
            {props.submitLabel}
          </Button>
          <Button variant="quiet" onClick={props.onCancel}>
            {t("cancel")}
          </Button>
        </div>
        <FormError message={formError} />
      </Stack>
    </form>
  );
}
