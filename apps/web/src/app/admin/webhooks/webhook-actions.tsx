"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Button } from "../../../components/button";
import { readApiError } from "../../../trpc/api-error";
import { useTRPC } from "../../../trpc/react";
import accountStyles from "../../account/account.module.css";

/** Words only a screen reader needs, such as the URL a button acts on. */
const hidden = (chunks: ReactNode) => <span className="visually-hidden">{chunks}</span>;

/** "Send a test" and "Remove" (pressed twice) for one endpoint. */
export function WebhookActions({ id, url }: { id: string; url: string }) {
  const t = useTranslations("admin.webhooks");
  const trpc = useTRPC();
  const router = useRouter();
  const test = useMutation(trpc.admin.webhooks.test.mutationOptions());
  const remove = useMutation(trpc.admin.webhooks.delete.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [said, setSaid] = useState<string | null>(null);

  async function attempt(action: () => Promise<string>) {
    setSaid(null);
    try {
      setSaid(await action());
    } catch (error) {
      setSaid(readApiError(error).message);
    }
  }

  return (
    <div className={accountStyles.actions}>
      <Button
        variant="secondary"
        pending={test.isPending}
        pendingLabel={t("sending")}
        onClick={() => attempt(() => test.mutateAsync({ id }).then(() => t("testQueued")))}
      >
        {t.rich("sendTest", { url, hidden })}
      </Button>
      <Button
        variant={confirming ? "danger" : "quiet"}
        pending={remove.isPending}
        pendingLabel={t("removing")}
        onClick={() => {
          if (!confirming) {
            setConfirming(true);
            setSaid(t("pressAgain"));
            return;
          }
          void attempt(async () => {
            await remove.mutateAsync({ id });
            router.refresh();
            return t("removed");
          });
        }}
      >
        {t.rich(confirming ? "removeForGood" : "remove", { url, hidden })}
      </Button>
      <span aria-live="polite">{said}</span>
    </div>
  );
}
