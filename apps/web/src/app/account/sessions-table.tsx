"use client";

import { sessionEffectOf } from "@latch/client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Button } from "../../components/button";
import { ButtonLink } from "../../components/button-link";
import { FormError, LiveRegion, Notice } from "../../components/notice";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";
import { SessionRow, type SessionView } from "./session-row";
import styles from "./sessions-table.module.css";
import { useDescribeDevice } from "./use-device-label";
import { useInvalidateSessions, useSessionsList } from "./use-sessions";

/** This device first, then the most recently used. */
function byRelevance(a: SessionView, b: SessionView): number {
  if (a.current !== b.current) return a.current ? -1 : 1;
  return Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt);
}

export function SessionsTable() {
  const t = useTranslations("account.sessions");
  const tAccount = useTranslations("account");
  const describeDevice = useDescribeDevice();
  const trpc = useTRPC();
  const list = useSessionsList();
  const invalidateSessions = useInvalidateSessions();
  const revoke = useMutation(trpc.auth.sessions.revoke.mutationOptions());
  const signOutOthers = useMutation(trpc.auth.logoutAll.mutationOptions());
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const doneNotice = useRef<HTMLDivElement>(null);

  /** The button that was pressed goes away with its row: focus moves to the outcome instead. */
  async function finish(message: string) {
    await invalidateSessions();
    flushSync(() => setDone(message));
    doneNotice.current?.focus();
  }

  async function onSignOut(session: SessionView) {
    setProblem(null);
    setDone(null);
    try {
      await revoke.mutateAsync({ sessionId: session.id });
      await finish(t("loggedOut", { device: describeDevice(session.userAgent).label }));
    } catch (error) {
      const { reason, message } = readApiError(error);
      // Already ended elsewhere: the table was just out of date.
      if (reason === "SESSION_NOT_FOUND") await finish(t("alreadyEnded"));
      else setProblem(message);
    }
  }

  async function onSignOutOthers() {
    setProblem(null);
    setDone(null);
    try {
      const { revoked } = await signOutOthers.mutateAsync({ keepCurrent: true });
      await finish(t("loggedOutOthers", { count: revoked }));
    } catch (error) {
      setProblem(readApiError(error).message);
    }
  }

  if (list.isPending) return <p className={styles.muted}>{t("loading")}</p>;
  if (list.isError) {
    return (
      <FormError message={readApiError(list.error).message}>
        {sessionEffectOf(list.error) === "ended" ? (
          <ButtonLink href="/login" variant="secondary">
            {t("logInAgain")}
          </ButtonLink>
        ) : null}
      </FormError>
    );
  }

  const sessions = [...list.data.sessions].sort(byRelevance);
  const others = sessions.filter((session) => !session.current).length;
  const revoking = revoke.isPending ? revoke.variables?.sessionId : undefined;

  return (
    <div className={styles.wrapper}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("device")}</th>
            <th scope="col">{t("network")}</th>
            <th scope="col">{t("loggedIn")}</th>
            <th scope="col">{t("lastUsed")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("action")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              pending={revoking === session.id}
              onSignOut={onSignOut}
            />
          ))}
        </tbody>
      </table>
      <div className={styles.footer}>
        {others > 0 ? (
          <Button
            variant="secondary"
            pending={signOutOthers.isPending}
            pendingLabel={tAccount("loggingOut")}
            onClick={onSignOutOthers}
          >
            {t("logOutOthers")}
          </Button>
        ) : (
          <p className={styles.muted}>{t("noOthers")}</p>
        )}
      </div>
      <LiveRegion>
        {done ? (
          <Notice ref={doneNotice} tone="success">
            <p>{done}</p>
          </Notice>
        ) : null}
      </LiveRegion>
      <FormError message={problem} />
    </div>
  );
}
