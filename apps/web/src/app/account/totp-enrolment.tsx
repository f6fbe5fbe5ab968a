"use client";

import { beginTotpInput, confirmTotpInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { Stack } from "../../components/card";
import { CodeField } from "../../components/code-field";
import { FormError } from "../../components/notice";
import { PasswordField } from "../../components/password-field";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";
import styles from "./account.module.css";
import { useWrongPassword } from "./account-messages";
import { QrCode } from "./qr-code";

interface Pending {
  secret: string;
  otpauthUri: string;
}

/**
 * Setting up an authenticator app: the password again, then the QR code and
 * the secret as text (for an app on this very phone), then a first code.
 */
export function TotpEnrolment({
  onEnabled,
  onCancel,
}: {
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const [pending, setPending] = useState<Pending | null>(null);
  return pending ? (
    <ConfirmStep pending={pending} onEnabled={onEnabled} onCancel={onCancel} />
  ) : (
    <PasswordStep onBegun={setPending} onCancel={onCancel} />
  );
}

function PasswordStep({
  onBegun,
  onCancel,
}: {
  onBegun: (pending: Pending) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("account");
  const wrongPassword = useWrongPassword();
  const trpc = useTRPC();
  const begin = useMutation(trpc.auth.mfa.totp.begin.mutationOptions());
  const [password, setPassword] = useState("");
  const fields = useFieldErrors(["password"] as const);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: beginTotpInput,
    values: { password },
    pending: begin.isPending,
    async send(checked) {
      onBegun(await begin.mutateAsync(checked));
    },
    onReason(reason) {
      if (reason !== "INVALID_CREDENTIALS") return false;
      fields.show({ password: [wrongPassword] });
      return true;
    },
  });
  return (
    <form method="post" noValidate onSubmit={onSubmit} aria-busy={begin.isPending}>
      <Stack>
        <PasswordField
          {...fields.bind("password", password, setPassword)}
          label={t("yourPassword")}
          purpose="current"
        />
        <div className={styles.actions}>
          <Button type="submit" pending={begin.isPending} pendingLabel={t("checking")}>
            {t("continue")}
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            {t("cancel")}
          </Button>
        </div>
        <FormError message={formError} />
      </Stack>
    </form>
  );
}

function ConfirmStep({
  pending,
  onEnabled,
  onCancel,
}: {
  pending: Pending;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("account");
  const trpc = useTRPC();
  const confirm = useMutation(trpc.auth.mfa.totp.confirm.mutationOptions());
  const [code, setCode] = useState("");
  const fields = useFieldErrors(["code"] as const);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: confirmTotpInput,
    values: { code },
    pending: confirm.isPending,
    async send(checked) {
      onEnabled((await confirm.mutateAsync(checked)).recoveryCodes);
    },
    onReason(reason, { message }) {
      if (reason !== "SECOND_FACTOR_INVALID") return false;
      fields.show({ code: [message] });
      return true;
    },
  });
  // Grouped in fours, as apps show secrets, so it can be typed without losing one's place.
  const grouped = pending.secret.match(/.{1,4}/g)?.join(" ") ?? pending.secret;
  return (
    <form method="post" noValidate onSubmit={onSubmit} aria-busy={confirm.isPending}>
      <Stack>
        <ol className={styles.steps}>
          <li>{t("totp.openApp")}</li>
          <li>
            {t("totp.scan")}
            <div className={styles.qr}>
              <QrCode text={pending.otpauthUri} label={t("totp.qrLabel")} />
            </div>
            {t("totp.typeKey")}{" "}
            <code className={styles.secret} data-testid="totp-secret">
              {grouped}
            </code>
          </li>
          <li>{t("totp.typeCode")}</li>
        </ol>
        <CodeField {...fields.bind("code", code, setCode)} />
        <div className={styles.actions}>
          <Button type="submit" pending={confirm.isPending} pendingLabel={t("checking")}>
            {t("totp.turnOn")}
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            {t("cancel")}
          </Button>
        </div>
        <FormError message={formError} />
      </Stack>
    </form>
  );
}
