"use client";

import { grantConnectInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { FormError } from "../../components/notice";
import { PasswordField } from "../../components/password-field";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";
import styles from "./account.module.css";

const FIELDS = ["password"] as const;

/**
 * "Connect <provider>": a new way in, so the password is asked again first
 * (as for a passkey); its single-use grant goes with the round trip to the
 * provider, which comes back to this page.
 */
export function ConnectProvider({ providers }: { providers: { id: string; name: string }[] }) {
  const t = useTranslations("account");
  const trpc = useTRPC();
  const grant = useMutation(trpc.auth.identities.grantConnect.mutationOptions());
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null);
  const [password, setPassword] = useState("");
  const [leaving, setLeaving] = useState(false);
  const fields = useFieldErrors(FIELDS);
  const pending = grant.isPending || leaving;
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: grantConnectInput,
    values: { password },
    pending,
    async send(checked) {
      if (!chosen) return;
      const { grant: approval } = await grant.mutateAsync(checked);
      setLeaving(true);
      const back = encodeURIComponent("/account?connected=1#connected");
      window.location.assign(
        `/api/auth/oidc/${chosen.id}/start?connect=${encodeURIComponent(approval)}&returnTo=${back}`,
      );
    },
  });

  if (!chosen) {
    return (
      <div className={styles.actions}>
        {providers.map((provider) => (
          <Button key={provider.id} variant="secondary" onClick={() => setChosen(provider)}>
            {t("connected.connect", { provider: provider.name })}
          </Button>
        ))}
      </div>
    );
  }
  return (
    <form method="post" noValidate onSubmit={onSubmit} aria-busy={pending}>
      <PasswordField
        {...fields.bind("password", password, setPassword)}
        purpose="current"
        label={t("yourPassword")}
      />
      <div className={styles.actions}>
        <Button type="submit" pending={pending} pendingLabel={t("connected.connecting")}>
          {t("connected.continueTo", { provider: chosen.name })}
        </Button>
        <Button variant="quiet" onClick={() => setChosen(null)}>
          {t("cancel")}
        </Button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
