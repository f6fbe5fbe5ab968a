"use client";

import type { RefreshOutcome, SessionRefresher } from "@latch/client/react";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";

interface SessionUser {
  id: string;
  email: string;
}

/** What the page knows about the signed-in person; the tokens themselves stay in HttpOnly cookies. */
export interface KnownSession {
  user: SessionUser;
  accessExpiresAt: string;
}

interface SessionContextValue {
  session: KnownSession | null;
  /** Record a session just started (login, activation) or rendered by the server. */
  setSession(session: KnownSession | null): void;
  refresh(): Promise<RefreshOutcome>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Refresh this long before the access token expires, so calls never meet an expired one. */
const REFRESH_LEAD_MS = 60_000;
/** After a refresh that failed for a passing reason (offline, server busy), try again this soon. */
const RETRY_AFTER_MS = 15_000;
/** setTimeout overflows past 2^31-1 ms and would fire at once. */
const MAX_DELAY_MS = 2_147_483_647;

function msUntilRefresh(accessExpiresAt: string): number {
  const delay = Date.parse(accessExpiresAt) - Date.now() - REFRESH_LEAD_MS;
  return Math.min(Math.max(delay, 0), MAX_DELAY_MS);
}

/**
 * Keeps a known session alive: schedules one refresh shortly before the
 * access token expires, retries passing failures, and forgets the session
 * (re-rendering the server components) once the server says it ended.
 */
export function SessionProvider({
  refresher,
  children,
}: {
  refresher: SessionRefresher;
  children: ReactNode;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [session, setSession] = useState<KnownSession | null>(null);
  const [failedAttempts, setFailedAttempts] = useState(0);
  const sessionRef = useRef(session);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  // Whoever triggered a refresh (the timer, the retry link, a page), the state follows its outcome.
  useEffect(
    () =>
      refresher.subscribe((outcome) => {
        if (outcome.status === "refreshed") {
          setFailedAttempts(0);
          setSession({
            user: outcome.session.user,
            accessExpiresAt: outcome.session.accessExpiresAt,
          });
        } else if (outcome.status === "ended") {
          // Pages rendered for a signed-in person must render again, now without one.
          if (sessionRef.current) router.refresh();
          setSession(null);
        } else {
          setFailedAttempts((count) => count + 1);
        }
      }),
    [refresher, router],
  );

  // Cached answers (the sessions list…) belong to whoever was signed in: once that person has
  // left, nobody else signing in on this page may see them, even for a moment.
  const userId = session?.user.id ?? null;
  const lastUserId = useRef(userId);
  useEffect(() => {
    if (lastUserId.current !== null && lastUserId.current !== userId) queryClient.clear();
    lastUserId.current = userId;
  }, [userId, queryClient]);

  const expiresAt = session?.accessExpiresAt ?? null;
  useEffect(() => {
    if (!expiresAt) return;
    const delay = failedAttempts > 0 ? RETRY_AFTER_MS : msUntilRefresh(expiresAt);
    const timer = setTimeout(() => void refresher.refresh(), delay);
    // Background tabs get their timers throttled; catch up when the person comes back.
    const onVisible = () => {
      if (document.visibilityState === "visible" && msUntilRefresh(expiresAt) === 0) {
        void refresher.refresh();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [expiresAt, failedAttempts, refresher]);

  const value = useMemo<SessionContextValue>(
    () => ({ session, setSession, refresh: () => refresher.refresh() }),
    [session, refresher],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}
