"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/react";
import type { BrowserSessionView } from "./use-finish-login";

/**
 * The passkey sign-in ceremony against session.passkeys.*: options from
 * Latch (a single-use challenge), the browser's prompt, and the answer
 * checked by Latch, which sets the session cookies. With `autofill`, the
 * browser offers passkeys in the login field's autofill instead of a
 * prompt (conditional UI), and resolves to null if it ends before a
 * passkey was picked; with a ticket, it is a login's second step.
 */
export function usePasskeyLogin() {
  const trpc = useTRPC();
  const options = useMutation(
    trpc.session.passkeys.generateAuthenticationOptions.mutationOptions(),
  );
  const verify = useMutation(trpc.session.passkeys.verifyAuthenticationResponse.mutationOptions());

  async function logIn({
    ticket,
    autofill = false,
  }: {
    ticket?: string;
    autofill?: boolean;
  } = {}): Promise<BrowserSessionView | null> {
    let response: Awaited<ReturnType<typeof startAuthentication>>;
    try {
      const optionsJSON = await options.mutateAsync(ticket ? { ticket } : {});
      response = await startAuthentication({ optionsJSON, useBrowserAutofill: autofill });
    } catch (error) {
      // Autofill waits in the background: until a passkey is picked, nothing was asked of the
      // person, so nothing went wrong for them (no passkeys here, an RP ID the browser refuses).
      if (autofill) return null;
      throw error;
    }
    return verify.mutateAsync(ticket ? { ticket, response } : { response });
  }

  return { logIn, pending: verify.isPending };
}
