"use client";

import { adminBanInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../../../components/button";
import { Stack } from "../../../../components/card";
import { Field } from "../../../../components/field";
import { FormError } from "../../../../components/notice";
import { useConfirmStep } from "../../../../components/use-confirm-step";
import { useFieldErrors } from "../../../../components/use-field-errors";
import { useFormSubmit } from "../../../../components/use-form-submit";
import { useTRPC } from "../../../../trpc/react";
import accountStyles from "../../../account/account.module.css";
import { adminMessage } from "./admin-problem";

const FIELDS = ["reason", "until"] as const;

/** A datetime-local value is the reader's local time; the API wants an instant. */
function untilInstant(local: string): string | undefined {
  if (!local) return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

/**
 * Banning needs a reason (kept in the audit trail) and may end by itself.
 * Behind an opener, as a second press, so one stray click bans nobody.
 */
export function BanForm({ userId, onDone }: { userId: string; onDone: (message: string) => void }) {
  const t = useTranslations("admin");
  const trpc = useTRPC();
  const ban = useMutation(trpc.admin.users.ban.mutationOptions());
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const fields = useFieldErrors(FIELDS);
  // `reset` (below) is only called when the step is cancelled, long after it is defined.
  const { confirming, setConfirming, open, cancel, opener, step } = useConfirmStep<HTMLFormElement>(
    () => {
      setReason("");
      setUntil("");
      setProblem(null);
      reset();
    },
  );
  const untilValue = untilInstant(until);
  const { formError, onSubmit, reset } = useFormSubmit({
    fields,
    schema: adminBanInput,
    values: { userId, reason, ...(untilValue ? { until: untilValue } : {}) },
    pending: ban.isPending,
    async send(checked) {
      const { sessionsEnded } = await ban.mutateAsync(checked);
      setConfirming(false);
      onDone(t("ban.done", { count: sessionsEnded }));
    },
    onAttempt: () => setProblem(null),
    onReason(_reason, apiError) {
      const message = adminMessage(t, apiError);
      if (message) setProblem(message);
      return message !== null;
    },
  });

  if (!confirming) {
    return (
      <div>
        <Button ref={opener} variant="danger" onClick={open}>
          {t("ban.open")}
        </Button>
      </div>
    );
  }

  const reasonField = fields.bind("reason", reason, setReason);
  const untilField = fields.bind("until", until, setUntil);
  return (
    <form
      ref={step}
      method="post"
      noValidate
      onSubmit={onSubmit}
      aria-busy={ban.isPending}
      className={accountStyles.confirmDelete}
    >
      <Stack>
        <p>{t.rich("ban.intro", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
        <Field
          ref={reasonField.ref}
          name={reasonField.name}
          value={reasonField.value}
          errors={reasonField.errors}
          onChange={(event) => reasonField.onValueChange(event.target.value)}
          label={t("ban.reason")}
          hint={t("ban.reasonHint")}
          required
          maxLength={500}
          autoComplete="off"
        />
        <Field
          ref={untilField.ref}
          name={untilField.name}
          value={untilField.value}
          errors={untilField.errors}
          onChange={(event) => untilField.onValueChange(event.target.value)}
          label={t("ban.until")}
          hint={t("ban.untilHint")}
          type="datetime-local"
        />
        <div className={accountStyles.actions}>
          <Button
            type="submit"
            variant="danger"
            pending={ban.isPending}
            pendingLabel={t("ban.pending")}
          >
            {t("ban.submit")}
          </Button>
          <Button variant="quiet" onClick={cancel}>
            {t("ban.cancel")}
          </Button>
        </div>
        <FormError message={formError ?? problem} />
      </Stack>
    </form>
  );
}
