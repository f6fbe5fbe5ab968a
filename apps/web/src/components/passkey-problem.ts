import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { readApiError } from "../trpc/api-error";

type PasskeyProblemTexts = (key: "cancelled" | "exists" | "unsupported") => string;

/**
 * What went wrong in a passkey ceremony, in a sentence. The browser's own
 * refusals (the prompt closed or timed out, a passkey already on this
 * device, no WebAuthn) never reached Latch, so they are told apart from the
 * API's reasons rather than read as a network error. `t`: the page's
 * "components.passkeyProblem" texts (see `usePasskeyProblem`).
 */
function passkeyProblem(
  error: unknown,
  t: PasskeyProblemTexts,
): { reason: string; message: string } {
  if (error instanceof TRPCClientError || !(error instanceof Error)) return readApiError(error);
  switch (error.name) {
    case "NotAllowedError":
    case "AbortError":
      return { reason: "PASSKEY_CANCELLED", message: t("cancelled") };
    case "InvalidStateError":
      return { reason: "PASSKEY_EXISTS", message: t("exists") };
    default:
      // Not the browser's own words (WebAuthn libraries and browsers speak English):
      // the page's language says what it means for the person.
      return { reason: "PASSKEY_UNSUPPORTED", message: t("unsupported") };
  }
}

/** `passkeyProblem` in the page's language. */
export function usePasskeyProblem(): (error: unknown) => { reason: string; message: string } {
  const t = useTranslations("components.passkeyProblem");
  return useCallback((error: unknown) => passkeyProblem(error, t), [t]);
}
