"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { FormError, LiveRegion, Notice } from "../../components/notice";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";
import styles from "./account.module.css";
import { AddPasskeyForm } from "./add-passkey-form";
import { PasskeyRow, type PasskeyView } from "./passkey-row";

/**
 * The account's passkeys, part of "Two-step sign-in": each signs in alone
 * (a device plus its PIN or fingerprint), and with two-step sign-in on it
 * also serves as the second step.
 */
export function Passkeys() {
  const t = useTranslations("account");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.auth.passkeys.list.queryOptions());
  const rename = useMutation(trpc.auth.passkeys.rename.mutationOptions());
  const remove = useMutation(trpc.auth.passkeys.remove.mutationOptions());
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.auth.passkeys.list.queryKey() });

  async function removeOne(passkey: PasskeyView) {
    setDone(null);
    setProblem(null);
    try {
      await remove.mutateAsync({ id: passkey.id });
      setDone(t("passkeys.removed", { name: passkey.name }));
    } catch (error) {
      setProblem(readApiError(error).message);
    }
    await refresh();
  }

  return (
    <div className={styles.passkeys}>
      <h3 className={styles.subTitle}>{t("passkeys.title")}</h3>
      <p>{t("passkeys.intro")}</p>
      <LiveRegion>
        {done ? (
          <Notice tone="success" title={done}>
            <p>{t("emailSent")}</p>
          </Notice>
        ) : null}
      </LiveRegion>
      {list.isPending ? <p>{t("loading")}</p> : null}
      {list.isError ? <p>{t("passkeys.listError")}</p> : null}
      {list.data ? (
        list.data.passkeys.length === 0 ? (
          <p data-testid="passkeys-empty">{t("passkeys.empty")}</p>
        ) : (
          <ul className={styles.passkeyList} aria-label={t("passkeys.listLabel")}>
            {list.data.passkeys.map((passkey) => (
              <PasskeyRow
                key={passkey.id}
                passkey={passkey}
                removing={remove.isPending && remove.variables?.id === passkey.id}
                onRemove={() => void removeOne(passkey)}
                onRename={async (name) => {
                  await rename.mutateAsync({ id: passkey.id, name });
                  await refresh();
                }}
              />
            ))}
          </ul>
        )
      ) : null}
      <FormError message={problem} />
      {adding ? (
        <AddPasskeyForm
          onAdded={(name) => {
            setAdding(false);
            setDone(t("passkeys.added", { name }));
            void refresh();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Button
          variant="secondary"
          onClick={() => {
            setDone(null);
            setAdding(true);
          }}
        >
          {t("passkeys.add")}
        </Button>
      )}
    </div>
  );
}
