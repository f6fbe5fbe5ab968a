"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/button";
import { LiveRegion, Notice } from "../../components/notice";
import { useTRPC } from "../../trpc/react";
import styles from "./account.module.css";
import { Passkeys } from "./passkeys";
import { RecoveryCodesList } from "./recovery-codes-list";
import { SecondFactorProofForm } from "./second-factor-proof-form";
import { TotpEnrolment } from "./totp-enrolment";

type Open = "none" | "enrol" | "regenerate" | "disable";

/** The "Two-step login" section: its status, and every change to it. */
export function TwoStepLogin() {
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

  if (status.isPending) return <p>Loading…</p>;
  if (status.isError) return <p>The status of two-step login cannot be read right now.</p>;
  const { enabled, enabledAt, recoveryCodesLeft } = status.data;

  return (
    <div>
      <p data-testid="two-step-status">
        {enabled
          ? `On since ${new Date(enabledAt ?? "").toLocaleDateString()}. ${recoveryCodesLeft} recovery code${recoveryCodesLeft === 1 ? "" : "s"} left.`
          : "Off. Logging in takes only your password."}
      </p>
      <LiveRegion>
        {done ? (
          <Notice tone="success" title={done}>
            {codes ? null : <p>We sent an email to confirm it.</p>}
          </Notice>
        ) : null}
      </LiveRegion>
      {codes ? <RecoveryCodesList codes={codes} onDone={() => setCodes(null)} /> : null}

      {open === "enrol" ? (
        <TotpEnrolment
          onEnabled={(recoveryCodes) => show(recoveryCodes, "Two-step login is on")}
          onCancel={() => setOpen("none")}
        />
      ) : null}
      {open === "regenerate" ? (
        <SecondFactorProofForm
          submitLabel="Make new recovery codes"
          pendingLabel="Making…"
          pending={regenerate.isPending}
          send={async (input) =>
            show((await regenerate.mutateAsync(input)).recoveryCodes, "New recovery codes made")
          }
          onCancel={() => setOpen("none")}
        />
      ) : null}
      {open === "disable" ? (
        <SecondFactorProofForm
          submitLabel="Turn off two-step login"
          pendingLabel="Turning off…"
          pending={disable.isPending}
          send={async (input) => {
            await disable.mutateAsync(input);
            setOpen("none");
            setCodes(null);
            setDone("Two-step login is off");
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
                New recovery codes
              </Button>
              <Button variant="secondary" onClick={() => setOpen("disable")}>
                Turn off
              </Button>
            </>
          ) : (
            <Button
              onClick={() => {
                setDone(null);
                setOpen("enrol");
              }}
            >
              Set up two-step login
            </Button>
          )}
        </div>
      ) : null}
      <Passkeys />
    </div>
  );
}
