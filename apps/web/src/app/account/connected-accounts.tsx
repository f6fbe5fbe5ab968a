"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { FormError, LiveRegion, Notice } from "../../components/notice";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";
import styles from "./account.module.css";
import { ConnectProvider } from "./connect-provider";
import { useSessionTimes } from "./session-times";

/**
 * The providers this account signs in with: each connected one with
 * "Disconnect", each other configured one with "Connect" (a round trip to the
 * provider that comes back here). `outcome`: what the last round trip did.
 */
export function ConnectedAccounts({
  outcome,
}: {
  outcome: { connected: true } | { problem: string } | null;
}) {
  const t = useTranslations("account");
  const times = useSessionTimes();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const providers = useQuery(trpc.auth.identities.providers.queryOptions());
  const list = useQuery(trpc.auth.identities.list.queryOptions());
  const disconnect = useMutation(trpc.auth.identities.disconnect.mutationOptions());
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(
    outcome && "problem" in outcome ? outcome.problem : null,
  );

  async function disconnectOne(id: string, name: string) {
    setDone(null);
    setProblem(null);
    try {
      await disconnect.mutateAsync({ id });
      setDone(t("connected.disconnected", { provider: name }));
    } catch (error) {
      setProblem(readApiError(error).message);
    }
    await queryClient.invalidateQueries({ queryKey: trpc.auth.identities.list.queryKey() });
  }

  const connected = list.data?.identities ?? [];
  const unconnected = (providers.data?.providers ?? []).filter(
    (provider) => !connected.some((identity) => identity.providerId === provider.id),
  );
  return (
    <div>
      <LiveRegion>
        {done ? (
          <Notice tone="success" title={done}>
            <p>{t("emailSent")}</p>
          </Notice>
        ) : outcome && "connected" in outcome ? (
          <Notice tone="success" title={t("connected.doneTitle")}>
            <p>{t("connected.doneBody")}</p>
          </Notice>
        ) : null}
      </LiveRegion>
      {list.isPending ? <p>{t("loading")}</p> : null}
      {list.isError ? <p>{t("connected.listError")}</p> : null}
      {list.data && connected.length === 0 ? (
        <p data-testid="identities-empty">{t("connected.empty")}</p>
      ) : null}
      {connected.length > 0 ? (
        <ul className={styles.passkeyList} aria-label={t("connected.listLabel")}>
          {connected.map((identity) => (
            <li key={identity.id} className={styles.passkey}>
              <p className={styles.passkeyName}>{identity.providerName}</p>
              <p className={styles.passkeyDates}>
                {identity.email ? `${identity.email} · ` : ""}
                {t.rich("connected.since", {
                  date: times.moment(identity.createdAt),
                  time: (chunks) => <time dateTime={identity.createdAt}>{chunks}</time>,
                })}
              </p>
              <Button
                variant="secondary"
                pending={disconnect.isPending && disconnect.variables?.id === identity.id}
                pendingLabel={t("connected.disconnecting")}
                onClick={() => void disconnectOne(identity.id, identity.providerName)}
              >
                {t.rich("connected.disconnect", {
                  provider: identity.providerName,
                  hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                })}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {list.data && !list.data.hasPassword ? (
        <p>
          {t.rich("connected.noPassword", {
            link: (chunks) => <a href="/forgot-password">{chunks}</a>,
          })}
        </p>
      ) : null}
      <FormError message={problem} />
      {unconnected.length > 0 ? <ConnectProvider providers={unconnected} /> : null}
    </div>
  );
}
