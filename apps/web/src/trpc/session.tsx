"use client";

import { keepSessionAlive, type RefreshOutcome, type SessionRefresher } from "@latch/client/react";
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

/**
 * Holds what the page knows of the session: follows every refresh outcome,
 * forgets the session (re-rendering the server components) once the server
 * says it ended, and leaves the timing to `keepSessionAlive`.
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
  const sessionRef = useRef(session);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  // Whoever triggered a refresh (the timer, the retry link, a page), the state follows its outcome.
  useEffect(
    () =>
      refresher.subscribe((outcome) => {
        if (outcome.status === "refreshed") {
          setSession({
            user: outcome.session.user,
            accessExpiresAt: outcome.session.accessExpiresAt,
          });
        } else if (outcome.status === "ended") {
          // Pages rendered for a signed-in person must render again, now without one.
          if (sessionRef.current) router.refresh();
          setSession(null);
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
  useEffect(
    () => (expiresAt ? keepSessionAlive(refresher, expiresAt) : undefined),
    [expiresAt, refresher],
  );

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
