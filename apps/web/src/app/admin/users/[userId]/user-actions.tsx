"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Button } from "../../../../components/button";
import { Stack } from "../../../../components/card";
import { FormError, LiveRegion, Notice } from "../../../../components/notice";
import { useTRPC } from "../../../../trpc/react";
import accountStyles from "../../../account/account.module.css";
import { adminProblem } from "./admin-problem";
import { BanForm } from "./ban-form";
import { DeleteUser } from "./delete-user";

interface ActionsUser {
  id: string;
  email: string;
  status: "inactive" | "active" | "banned";
}

/**
 * What an admin can do to an account. Each outcome is announced and takes
 * focus (the pressed button may be gone), then the page reads the account again.
 */
export function UserActions({ user }: { user: ActionsUser }) {
  const t = useTranslations("admin");
  const trpc = useTRPC();
  const router = useRouter();
  const unban = useMutation(trpc.admin.users.unban.mutationOptions());
  const endSessions = useMutation(trpc.admin.users.endSessions.mutationOptions());
  const resend = useMutation(trpc.admin.users.resendActivation.mutationOptions());
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const doneNotice = useRef<HTMLDivElement>(null);
  const input = { userId: user.id };

  function report(message: string) {
    flushSync(() => setDone(message));
    doneNotice.current?.focus();
    router.refresh();
  }

  async function run(action: () => Promise<string>) {
    setProblem(null);
    setDone(null);
    try {
      report(await action());
    } catch (error) {
      setProblem(adminProblem(t, error));
    }
  }

  return (
    <Stack>
      <div className={accountStyles.actions}>
        {user.status === "banned" ? (
          <Button
            variant="secondary"
            pending={unban.isPending}
            pendingLabel={t("actions.unbanning")}
            onClick={() => run(() => unban.mutateAsync(input).then(() => t("actions.unbanned")))}
          >
            {t("actions.unban")}
          </Button>
        ) : null}
        <Button
          variant="secondary"
          pending={endSessions.isPending}
          pendingLabel={t("actions.endingSessions")}
          onClick={() =>
            run(async () =>
              t("actions.sessionsEnded", {
                count: (await endSessions.mutateAsync(input)).sessionsEnded,
              }),
            )
          }
        >
          {t("actions.endSessions")}
        </Button>
        {user.status === "inactive" ? (
          <Button
            variant="secondary"
            pending={resend.isPending}
            pendingLabel={t("actions.sending")}
            onClick={() => run(() => resend.mutateAsync(input).then(() => t("actions.resent")))}
          >
            {t("actions.resend")}
          </Button>
        ) : null}
      </div>
      {user.status === "banned" ? null : (
        <BanForm
          userId={user.id}
          onDone={(message) => {
            setProblem(null);
            report(message);
          }}
        />
      )}
      <DeleteUser userId={user.id} email={user.email} />
      <LiveRegion>
        {done ? (
          <Notice ref={doneNotice} tone="success">
            <p>{done}</p>
          </Notice>
        ) : null}
      </LiveRegion>
      <FormError message={problem} />
    </Stack>
  );
}
