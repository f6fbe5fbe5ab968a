"use client";

import { deleteAccountInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { Stack } from "../../components/card";
import { FormError } from "../../components/notice";
import { PasswordField } from "../../components/password-field";
import { useConfirmStep } from "../../components/use-confirm-step";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";
import { useSession } from "../../trpc/session";
import styles from "./account.module.css";
import { useWrongPassword } from "./account-messages";

const FIELDS = ["password"] as const;

/** Where a deleted account lands: the home page, which then says goodbye. */
const GOODBYE_URL = "/?account=deleted";

/** Two steps, so one stray click cannot delete anything: open the confirmation, then type the password. */
export function DeleteAccount() {
  const t = useTranslations("account");
  const wrongPassword = useWrongPassword();
  const trpc = useTRPC();
  const router = useRouter();
  const { setSession } = useSession();
  const remove = useMutation(trpc.auth.deleteAccount.mutationOptions());
  const logout = useMutation(trpc.session.logout.mutationOptions());
  const [password, setPassword] = useState("");
  const [leaving, setLeaving] = useState(false);
  const fields = useFieldErrors(FIELDS);
  const pending = remove.isPending || leaving;
  const { formError, onSubmit, reset } = useFormSubmit({
    fields,
    schema: deleteAccountInput,
    values: { password },
    pending,
    async send() {
      await remove.mutateAsync({ password });
      setLeaving(true);
      // The account is gone and its sessions with it; the cookies only need clearing, so a
      // failure here changes nothing the person needs to know about.
      await logout.mutateAsync().catch(() => undefined);
      setSession(null);
      router.replace(GOODBYE_URL);
    },
    onReason(reason) {
      if (reason !== "INVALID_CREDENTIALS") return false;
      fields.show({ password: [wrongPassword] });
      return true;
    },
  });

  const { confirming, open, cancel, opener, step } = useConfirmStep<HTMLFormElement>(() => {
    setPassword("");
    reset();
  });

  if (!confirming) {
    return (
      <div>
        <Button ref={opener} variant="danger" onClick={open}>
          {t("delete.open")}
        </Button>
      </div>
    );
  }

  return (
    <form
      ref={step}
      method="post"
      noValidate
      onSubmit={onSubmit}
      aria-busy={pending}
      className={styles.confirmDelete}
    >
      <Stack>
        <p>{t.rich("delete.confirmText", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
        <PasswordField
          {...fields.bind("password", password, setPassword)}
          label={t("yourPassword")}
          purpose="current"
        />
        <div className={styles.actions}>
          <Button
            type="submit"
            variant="danger"
            pending={pending}
            pendingLabel={t("delete.pending")}
          >
            {t("delete.submit")}
          </Button>
          <Button variant="quiet" onClick={cancel}>
            {t("cancel")}
          </Button>
        </div>
        <FormError message={formError} />
      </Stack>
    </form>
  );
}
