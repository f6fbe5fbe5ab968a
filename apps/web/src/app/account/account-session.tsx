"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "../../components/button";
import { FormError } from "../../components/notice";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";
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
  const trpc = useTRPC();
  const router = useRouter();
  const { setSession } = useSession();
  const logout = useMutation(trpc.session.logout.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);

  async function onLogout() {
    setProblem(null);
    try {
      await logout.mutateAsync();
      setSession(null);
      setLeaving(true);
      router.replace("/login");
    } catch (error) {
      setProblem(readApiError(error).message);
    }
  }

  return (
    <>
      <Button
        variant="secondary"
        pending={logout.isPending || leaving}
        pendingLabel="Logging out…"
        onClick={onLogout}
      >
        Log out
      </Button>
      <FormError message={problem} />
    </>
  );
}
