"use client";

import { adminWebhookCreateInput, type WEBHOOK_EVENT_TYPES } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Button } from "../../../components/button";
import { Stack } from "../../../components/card";
import { Field } from "../../../components/field";
import fieldStyles from "../../../components/field.module.css";
import { FormError, LiveRegion, Notice } from "../../../components/notice";
import { useFieldErrors } from "../../../components/use-field-errors";
import { useFormSubmit } from "../../../components/use-form-submit";
import { useTRPC } from "../../../trpc/react";
import styles from "../admin.module.css";

const FIELDS = ["url", "events"] as const;
type WebhookEvent = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A URL and the events it hears; the signing secret is shown once, right after. */
export function CreateWebhook({ events }: { events: WebhookEvent[] }) {
  const t = useTranslations("admin.webhooks");
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.admin.webhooks.create.mutationOptions());
  const [url, setUrl] = useState("");
  const [chosen, setChosen] = useState<WebhookEvent[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const fields = useFieldErrors(FIELDS);
  const secretNotice = useRef<HTMLDivElement>(null);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: adminWebhookCreateInput,
    values: { url, events: chosen },
    pending: create.isPending,
    onAttempt: () => setSecret(null),
    async send(checked) {
      const created = await create.mutateAsync(checked);
      flushSync(() => {
        setSecret(created.secret);
        setUrl("");
        setChosen([]);
      });
      secretNotice.current?.focus();
      router.refresh();
    },
  });
  const urlField = fields.bind("url", url, setUrl);
  const eventsError = fields.errors.events?.[0];

  return (
    <form method="post" noValidate onSubmit={onSubmit} aria-busy={create.isPending}>
      <Stack>
        <Field
          ref={urlField.ref}
          name={urlField.name}
          value={urlField.value}
          errors={urlField.errors}
          onChange={(event) => urlField.onValueChange(event.target.value)}
          label={t("url")}
          type="url"
          required
          autoComplete="off"
        />
        <fieldset aria-describedby="webhook-events-error">
          <legend className={fieldStyles.label}>{t("events")}</legend>
          {events.map((type) => (
            <label key={type} className={styles.check}>
              <input
                type="checkbox"
                name="events"
                value={type}
                checked={chosen.includes(type)}
                onChange={(event) =>
                  setChosen((now) =>
                    event.target.checked ? [...now, type] : now.filter((one) => one !== type),
                  )
                }
              />{" "}
              <code>{type}</code>
            </label>
          ))}
          <p id="webhook-events-error" className={fieldStyles.error} aria-live="polite">
            {eventsError ? t("eventsError") : ""}
          </p>
        </fieldset>
        <div>
          <Button type="submit" pending={create.isPending} pendingLabel={t("adding")}>
            {t("submit")}
          </Button>
        </div>
        <FormError message={formError} />
        <LiveRegion>
          {secret ? (
            <Notice ref={secretNotice} tone="success" title={t("created")}>
              <p>
                {t("secret")} <code data-testid="webhook-secret">{secret}</code>
              </p>
            </Notice>
          ) : null}
        </LiveRegion>
      </Stack>
    </form>
  );
}
