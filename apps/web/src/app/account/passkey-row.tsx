"use client";

import type { AppRouter } from "@latch/api";
import { renamePasskeyInput } from "@latch/validators";
import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { Field } from "../../components/field";
import { FormError } from "../../components/notice";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import styles from "./account.module.css";
import { useSessionTimes } from "./session-times";

export type PasskeyView =
  inferRouterOutputs<AppRouter>["auth"]["passkeys"]["list"]["passkeys"][number];

const FIELDS = ["name"] as const;

/** One passkey: its name and dates, renamed in place, or removed. */
export function PasskeyRow({
  passkey,
  onRename,
  onRemove,
  removing,
}: {
  passkey: PasskeyView;
  onRename: (name: string) => Promise<void>;
  onRemove: () => void;
  removing: boolean;
}) {
  const t = useTranslations("account");
  const times = useSessionTimes();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(passkey.name);
  const [pending, setPending] = useState(false);
  const fields = useFieldErrors(FIELDS);
  const { onValueChange: typeName, ...nameField } = fields.bind("name", name, setName);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: renamePasskeyInput,
    values: { id: passkey.id, name },
    pending,
    async send(checked) {
      setPending(true);
      try {
        await onRename(checked.name);
        setRenaming(false);
      } finally {
        setPending(false);
      }
    },
  });

  return (
    <li className={styles.passkey}>
      {renaming ? (
        <form method="post" noValidate onSubmit={onSubmit} aria-busy={pending}>
          <Field
            {...nameField}
            label={t("passkeys.renameLabel", { name: passkey.name })}
            autoComplete="off"
            maxLength={64}
            required
            onChange={(event) => typeName(event.target.value)}
          />
          <div className={styles.actions}>
            <Button type="submit" pending={pending} pendingLabel={t("passkeys.saving")}>
              {t("passkeys.save")}
            </Button>
            <Button variant="quiet" onClick={() => setRenaming(false)}>
              {t("cancel")}
            </Button>
          </div>
          <FormError message={formError} />
        </form>
      ) : (
        <>
          <p className={styles.passkeyName}>{passkey.name}</p>
          <p className={styles.passkeyDates}>
            {t.rich("passkeys.addedAt", {
              date: times.moment(passkey.createdAt),
              time: (chunks) => <time dateTime={passkey.createdAt}>{chunks}</time>,
            })}
            {" · "}
            {passkey.lastUsedAt
              ? t.rich("passkeys.lastUsed", {
                  date: times.moment(passkey.lastUsedAt),
                  time: (chunks) => (
                    <time dateTime={passkey.lastUsedAt ?? undefined}>{chunks}</time>
                  ),
                })
              : t("passkeys.neverUsed")}
          </p>
          <div className={styles.actions}>
            <Button variant="secondary" onClick={() => setRenaming(true)}>
              {t.rich("passkeys.rename", {
                name: passkey.name,
                hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
              })}
            </Button>
            <Button
              variant="secondary"
              pending={removing}
              pendingLabel={t("passkeys.removing")}
              onClick={onRemove}
            >
              {t.rich("passkeys.remove", {
                name: passkey.name,
                hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
              })}
            </Button>
          </div>
        </>
      )}
    </li>
  );
}
