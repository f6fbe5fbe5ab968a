"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { LiveRegion } from "../../components/notice";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";
import styles from "./resend-activation.module.css";

/** Shown under "not activated yet": sends a fresh activation link without leaving the login page. */
export function ResendActivation({ email }: { email: string }) {
  const t = useTranslations("login");
  const common = useTranslations("components.common");
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendActivation.mutationOptions());
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function onResend() {
    try {
      await resend.mutateAsync({ email });
      setStatus({ ok: true, text: t("activationResent", { email }) });
    } catch (error) {
      setStatus({ ok: false, text: readApiError(error).message });
    }
  }

  return (
    <div className={styles.resend}>
      <Button
        variant="secondary"
        pending={resend.isPending}
        pendingLabel={common("sending")}
        onClick={onResend}
      >
        {t("resendActivation")}
      </Button>
      <LiveRegion>
        {status ? <p className={status.ok ? styles.sent : styles.failed}>{status.text}</p> : null}
      </LiveRegion>
    </div>
  );
}
