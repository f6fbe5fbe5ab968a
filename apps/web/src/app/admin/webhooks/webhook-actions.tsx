"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../../../components/button";
import { readApiError } from "../../../trpc/api-error";
import { useTRPC } from "../../../trpc/react";
import accountStyles from "../../account/account.module.css";

/** "Send a test" and "Remove" (pressed twice) for one endpoint. */
export function WebhookActions({ id, url }: { id: string; url: string }) {
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
        pendingLabel="Sending…"
        onClick={() =>
          attempt(() => test.mutateAsync({ id }).then(() => "Test queued: see its deliveries."))
        }
      >
        Send a test<span className="visually-hidden"> to {url}</span>
      </Button>
      <Button
        variant={confirming ? "danger" : "quiet"}
        pending={remove.isPending}
        pendingLabel="Removing…"
        onClick={() => {
          if (!confirming) {
            setConfirming(true);
            setSaid("Press again to remove it.");
            return;
          }
          void attempt(async () => {
            await remove.mutateAsync({ id });
            router.refresh();
            return "Removed.";
          });
        }}
      >
        {confirming ? "Remove for good" : "Remove"}
        <span className="visually-hidden"> {url}</span>
      </Button>
      <span aria-live="polite">{said}</span>
    </div>
  );
}
