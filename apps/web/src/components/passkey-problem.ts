import { TRPCClientError } from "@trpc/client";
import { readApiError } from "../trpc/api-error";

/**
 * What went wrong in a passkey ceremony, in a sentence. The browser's own
 * refusals (the prompt closed or timed out, a passkey already on this
 * device, no WebAuthn) never reached Latch, so they are told apart from the
 * API's reasons rather than read as a network error.
 */
export function passkeyProblem(error: unknown): { reason: string; message: string } {
  if (error instanceof TRPCClientError || !(error instanceof Error)) return readApiError(error);
  switch (error.name) {
    case "NotAllowedError":
    case "AbortError":
      return {
        reason: "PASSKEY_CANCELLED",
        message: "The passkey prompt was closed or timed out. Try again when you are ready.",
      };
    case "InvalidStateError":
      return {
        reason: "PASSKEY_EXISTS",
        message: "This device already has a passkey for this account.",
      };
    default:
      return {
        reason: "PASSKEY_UNSUPPORTED",
        message: `Passkeys cannot be used here: ${error.message}`,
      };
  }
}
