"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { FormError, LiveRegion } from "../../components/notice";
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

/**
 * If a restored session still renders without a user, something is off (a
 * clock far off, a cookie the browser refused): going round again would loop,
 * so a second miss soon after a refresh sends the person to log in.
 */
const RESTORE_GRACE_MS = 10_000;
let lastRestoredAt = 0;

/** Tries one silent refresh; on success renders the page again, otherwise goes to /login. */
export function RestoreSessionOrLogin() {
  const router = useRouter();
  const { refresh } = useSession();
  const started = useRef(false);

  useEffect(() => {
    // Strict mode runs effects twice in development; one refresh is enough.
    if (started.current) return;
    started.current = true;
    if (Date.now() - lastRestoredAt < RESTORE_GRACE_MS) {
      router.replace("/login");
      return;
    }
    void refresh().then((outcome) => {
      if (outcome.status === "refreshed") {
        lastRestoredAt = Date.now();
        router.refresh();
      } else {
        router.replace("/login");
      }
    });
  }, [refresh, router]);

  return (
    <Card title="Your account">
      <LiveRegion>
        <p>Checking your session…</p>
      </LiveRegion>
    </Card>
  );
}

export function LogoutButton() {
  const { logOut, pending, problem } = useLogout();
  return (
    <>
      <Button variant="secondary" pending={pending} pendingLabel="Logging out…" onClick={logOut}>
        Log out
      </Button>
      <FormError message={problem} />
    </>
  );
}
