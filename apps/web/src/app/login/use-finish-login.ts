"use client";

import { useCallback, useState } from "react";
import { useGoNext } from "../../components/use-go-next";
import { useSession } from "../../trpc/session";

/** What a completed login tells the page (the tokens themselves are in HttpOnly cookies). */
export interface BrowserSessionView {
  user: { id: string; email: string };
  accessExpiresAt: string;
}

/** A first step that proved the person, for an account that has a second factor. */
export interface SecondStepTicket {
  ticket: string;
  methods: string[];
}

/** What a first step answers: a session (cookies set), or the ticket for the second step. */
export type FirstStepResult = BrowserSessionView | ({ status: string } & SecondStepTicket);

/**
 * How every way of logging in (password, email link or code, passkey) ends in
 * the browser: a session is recorded and the page goes where the person was
 * headed; a second-factor ticket is kept for the second step's form. `leaving`
 * stays true while the navigation runs, so buttons stay pending until then.
 */
export function useFinishLogin(returnTo: string | null) {
  const goNext = useGoNext(returnTo);
  const { setSession } = useSession();
  const [leaving, setLeaving] = useState(false);
  const [ticket, setTicket] = useState<SecondStepTicket | null>(null);

  const loggedIn = useCallback(
    (session: BrowserSessionView) => {
      setSession({ user: session.user, accessExpiresAt: session.accessExpiresAt });
      setLeaving(true);
      goNext();
    },
    [setSession, goNext],
  );

  const finish = useCallback(
    (result: FirstStepResult) => {
      if ("status" in result) setTicket({ ticket: result.ticket, methods: result.methods });
      else loggedIn(result);
    },
    [loggedIn],
  );

  return { finish, loggedIn, leaving, ticket, setTicket };
}
