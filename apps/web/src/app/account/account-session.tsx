"use client";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "../../components/button";
import { FormError } from "../../components/notice";
import { useLogout } from "../../components/use-logout";
import { type KnownSession, useSession } from "../../trpc/session";

/** Hands the session the server rendered to the session provider, which schedules its refresh. */
export function KeepSessionAlive({ user, accessExpiresAt }: KnownSession) {
  const { setSession } = useSession();
  useEffect(() => {
    setSession({ user: { id: user.id, email: user.email }, accessExpiresAt });
  }, [setSession, user.id, user.email, accessExpiresAt]);
  return null;
}

export function LogoutButton() {
  const t = useTranslations("account");
  const { logOut, pending, problem } = useLogout();
  return (
    <>
      <Button variant="secondary" pending={pending} pendingLabel={t("loggingOut")} onClick={logOut}>
        {t("logOut")}
      </Button>
      <FormError message={problem} />
    </>
  );
}
