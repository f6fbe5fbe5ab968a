"use client";

import { changePasswordInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { Stack } from "../../components/card";
import { FormError, LiveRegion, Notice } from "../../components/notice";
import { PasswordField } from "../../components/password-field";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";
import { useSession } from "../../trpc/session";
import { useWrongPassword } from "./account-messages";
import { useInvalidateSessions } from "./use-sessions";

const FIELDS = ["currentPassword", "newPassword"] as const;

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations("account.password");
  const wrongPassword = useWrongPassword();
  const trpc = useTRPC();
  const { setSession } = useSession();
  const invalidateSessions = useInvalidateSessions();
  // The browser variant: this session goes on with new cookies while every other one ends.
  const change = useMutation(trpc.session.changePassword.mutationOptions());
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [changed, setChanged] = useState(false);
  const fields = useFieldErrors(FIELDS);
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: changePasswordInput,
    values: { currentPassword, newPassword },
    pending: change.isPending,
    onAttempt: () => setChanged(false),
    async send() {
      const session = await change.mutateAsync({ currentPassword, newPassword });
      setSession({ user: session.user, accessExpiresAt: session.accessExpiresAt });
      setCurrentPassword("");
      setNewPassword("");
      setChanged(true);
      await invalidateSessions();
    },
    onReason(reason) {
      if (reason !== "INVALID_CREDENTIALS") return false;
      fields.show({ currentPassword: [wrongPassword] });
      return true;
    },
  });

  return (
    // method="post": a submit before hydration must not put the passwords in the URL.
    <form method="post" noValidate onSubmit={onSubmit} aria-busy={change.isPending}>
      <Stack>
        {/* Tells password managers which saved login the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordField
          {...fields.bind("currentPassword", currentPassword, setCurrentPassword)}
          label={t("current")}
          purpose="current"
        />
        <PasswordField
          {...fields.bind("newPassword", newPassword, setNewPassword)}
          label={t("new")}
          purpose="new"
          email={email}
        />
        <Button type="submit" pending={change.isPending} pendingLabel={t("pending")}>
          {t("submit")}
        </Button>
        <FormError message={formError} />
        <LiveRegion>
          {changed ? (
            <Notice tone="success" title={t("doneTitle")}>
              <p>{t("doneBody")}</p>
            </Notice>
          ) : null}
        </LiveRegion>
      </Stack>
    </form>
  );
}
