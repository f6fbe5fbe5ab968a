"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { readApiError } from "../trpc/api-error";
import { useTRPC } from "../trpc/react";
import { useSession } from "../trpc/session";

/** Where a logout lands: the login page, which says the person is logged out. */
const LOGGED_OUT_URL = "/login?loggedOut=1";

/**
 * Ends this browser's session and goes to the login page. A logout that could
 * not end the session (an outage) keeps the cookies, so it can be tried again:
 * `problem` then says why.
 */
export function useLogout() {
  const trpc = useTRPC();
  const router = useRouter();
  const { setSession } = useSession();
  const logout = useMutation(trpc.session.logout.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);

  async function logOut() {
    setProblem(null);
    try {
      await logout.mutateAsync();
      setSession(null);
      setLeaving(true);
      router.replace(LOGGED_OUT_URL);
    } catch (error) {
      setProblem(readApiError(error).message);
    }
  }

  return { logOut, pending: logout.isPending || leaving, problem };
}
