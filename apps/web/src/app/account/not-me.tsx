"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { FormError } from "../../components/notice";
import { useConfirmStep } from "../../components/use-confirm-step";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";
import { useSession } from "../../trpc/session";
import styles from "./account.module.css";

/** Where the person lands: the home page, which says what happened and what to do next. */
const SECURED_URL = "/?account=secured";

/**
 * "This wasn't me": every session ends, this one too, and a reset link is
 * emailed. Behind a confirmation, since it logs the person out everywhere.
 */
export function NotMe() {
  const t = useTranslations("account");
  const trpc = useTRPC();
  const router = useRouter();
  const { setSession } = useSession();
  const report = useMutation(trpc.auth.activity.reportNotMe.mutationOptions());
  const logout = useMutation(trpc.session.logout.mutationOptions());
  const [leaving, setLeaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { confirming, open, cancel, opener, step } = useConfirmStep<HTMLDivElement>(() =>
    setProblem(null),
  );

  async function onConfirm() {
    setProblem(null);
    try {
      await report.mutateAsync();
      setLeaving(true);
      // The session is already ended on the server; this only clears its cookies.
      await logout.mutateAsync().catch(() => undefined);
      setSession(null);
      router.replace(SECURED_URL);
    } catch (error) {
      setProblem(readApiError(error).message);
    }
  }

  if (!confirming) {
    return (
      <div>
        <Button ref={opener} variant="danger" onClick={open}>
          {t("notMe.open")}
        </Button>
      </div>
    );
  }
  return (
    <div ref={step} className={styles.confirmDelete}>
      <p>{t.rich("notMe.confirmText", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <div className={styles.actions}>
        <Button
          variant="danger"
          pending={report.isPending || leaving}
          pendingLabel={t("notMe.pending")}
          onClick={onConfirm}
        >
          {t("notMe.confirm")}
        </Button>
        <Button variant="quiet" onClick={cancel}>
          {t("cancel")}
        </Button>
      </div>
      <FormError message={problem} />
    </div>
  );
}
