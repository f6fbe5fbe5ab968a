"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { LiveRegion, Notice } from "../../components/notice";
import { useTRPC } from "../../trpc/react";
import styles from "./account.module.css";
import { Passkeys } from "./passkeys";
import { RecoveryCodesList } from "./recovery-codes-list";
import { SecondFactorProofForm } from "./second-factor-proof-form";
import { useSessionTimes } from "./session-times";
import { TotpEnrolment } from "./totp-enrolment";

type Open = "none" | "enrol" | "regenerate" | "disable";

/** The "Two-step login" section: its status, and every change to it. */
export function TwoStepLogin() {
  const t = useTranslations("account");
  const times = useSessionTimes();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.auth.mfa.status.queryOptions());
  const regenerate = useMutation(trpc.auth.mfa.recoveryCodes.regenerate.mutationOptions());
  const disable = useMutation(trpc.auth.mfa.disable.mutationOptions());
  const [open, setOpen] = useState<Open>("none");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.auth.mfa.status.queryKey() });

  function show(recoveryCodes: string[], message: string) {
    setOpen("none");
    setCodes(recoveryCodes);
    setDone(message);
    void refresh();
  }

  if (status.isPending) return <p>{t("loading")}</p>;
  if (status.isError) return <p>{t("twoStep.statusError")}</p>;
  const { enabled, enabledAt, recoveryCodesLeft } = status.data;

  return (
    <div>
      <p data-testid="two-step-status">
        {enabled && enabledAt
          ? t("twoStep.on", { date: times.day(enabledAt), count: recoveryCodesLeft })
          : t("twoStep.off")}
      </p>
      <LiveRegion>
        {done ? (
          <Notice tone="success" title={done}>
            {codes ? null : <p>{t("emailSent")}</p>}
          </Notice>
        ) : null}
      </LiveRegion>
      {codes ? <RecoveryCodesList codes={codes} onDone={() => setCodes(null)} /> : null}

      {open === "enrol" ? (
        <TotpEnrolment
          onEnabled={(recoveryCodes) => show(recoveryCodes, t("twoStep.enabled"))}
          onCancel={() => setOpen("none")}
        />
      ) : null}
      {open === "regenerate" ? (
        <SecondFactorProofForm
          submitLabel={t("twoStep.makeCodes")}
          pendingLabel={t("twoStep.making")}
          pending={regenerate.isPending}
          send={async (input) =>
            show((await regenerate.mutateAsync(input)).recoveryCodes, t("twoStep.codesMade"))
          }
          onCancel={() => setOpen("none")}
        />
      ) : null}
      {open === "disable" ? (
        <SecondFactorProofForm
          submitLabel={t("twoStep.turnOffSubmit")}
          pendingLabel={t("twoStep.turningOff")}
          pending={disable.isPending}
          send={async (input) => {
            await disable.mutateAsync(input);
            setOpen("none");
            setCodes(null);
            setDone(t("twoStep.disabled"));
            await refresh();
          }}
          onCancel={() => setOpen("none")}
        />
      ) : null}

      {open === "none" && !codes ? (
        <div className={styles.actions}>
          {enabled ? (
            <>
              <Button variant="secondary" onClick={() => setOpen("regenerate")}>
                {t("twoStep.newCodes")}
              </Button>
              <Button variant="secondary" onClick={() => setOpen("disable")}>
                {t("twoStep.turnOff")}
              </Button>
            </>
          ) : (
            <Button
              onClick={() => {
                setDone(null);
                setOpen("enrol");
              }}
            >
              {t("twoStep.setUp")}
            </Button>
          )}
        </div>
      ) : null}
      <Passkeys />
    </div>
  );
}
