"use client";

import type { LinkStates } from "@latch/api";
import { resetPasswordInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../../components/button";
import { Card, Stack } from "../../../components/card";
import { FormError } from "../../../components/notice";
import { type Outcome, OutcomeCard } from "../../../components/outcome-card";
import { PasswordField } from "../../../components/password-field";
import { useFieldErrors } from "../../../components/use-field-errors";
import { useFormSubmit } from "../../../components/use-form-submit";
import { useScreen } from "../../../components/use-screen";
import { useTRPC } from "../../../trpc/react";

type Screen = "form" | "expired" | "invalid" | "done";

/** Reasons that decide which screen to show; anything else is a message on the form. */
const SCREEN_OF_REASON: Record<string, Screen> = {
  RESET_KEY_EXPIRED: "expired",
  RESET_KEY_INVALID: "invalid",
};

const FIELDS = ["password"] as const;

export function ResetPassword({
  resetKey,
  state,
}: {
  resetKey: string;
  /** What the link would do, read when the page was rendered (nothing spent). */
  state: LinkStates["password-reset"];
}) {
  const t = useTranslations("resetPassword");
  const common = useTranslations("components.common");
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const { screen, show, showScreenOf, headingRef } = useScreen<Screen>(
    state.status === "usable" ? "form" : (SCREEN_OF_REASON[state.reason] ?? "invalid"),
    SCREEN_OF_REASON,
  );
  const [password, setPassword] = useState("");
  const fields = useFieldErrors(FIELDS);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: resetPasswordInput,
    values: { key: resetKey, password },
    pending: reset.isPending,
    async send() {
      await reset.mutateAsync({ key: resetKey, password });
      show("done");
    },
    onReason: showScreenOf,
  });

  if (screen !== "form") {
    const outcomes: Record<Exclude<Screen, "form">, Outcome> = {
      done: {
        title: t("doneTitle"),
        text: t("doneText"),
        href: "/login",
        action: common("logIn"),
      },
      expired: {
        title: common("linkExpired"),
        text: t("expiredText"),
        href: "/forgot-password",
        action: common("askNewLink"),
      },
      invalid: {
        title: common("linkInvalid"),
        text: t("invalidText"),
        href: "/forgot-password",
        action: common("askNewLink"),
      },
    };
    return <OutcomeCard outcome={outcomes[screen]} headingRef={headingRef} />;
  }

  return (
    <Card title={t("title")} headingRef={headingRef} intro={<p>{t("intro")}</p>}>
      {/* method="post": a submit before hydration must not put the password in the URL. */}
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={reset.isPending}>
        <Stack>
          {/* For password managers: the account the new password is saved under. */}
          {state.status === "usable" ? (
            <input
              type="email"
              name="username"
              autoComplete="username"
              value={state.email}
              readOnly
              hidden
            />
          ) : null}
          <PasswordField
            {...fields.bind("password", password, setPassword)}
            label={common("newPassword")}
            purpose="new"
            email={state.status === "usable" ? state.email : undefined}
          />
          <Button type="submit" fullWidth pending={reset.isPending} pendingLabel={t("pending")}>
            {t("submit")}
          </Button>
          <FormError message={formError} />
        </Stack>
      </form>
    </Card>
  );
}
