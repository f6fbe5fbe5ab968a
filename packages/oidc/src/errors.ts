import { ProviderRefused, ProviderUnavailable } from "@latch/auth/ports";
import { ClientError, ResponseBodyError } from "openid-client";

type ProviderError = ProviderRefused | ProviderUnavailable;

/** A status that says "later", not "no": the provider is down, overloaded or throttling. */
const transient = (status: number) => status >= 500 || status === 429;

/**
 * Sorts what openid-client (or our own check) threw into the port's two
 * answers: the provider could not be reached in time or answered with a
 * server error (try later), or its answer failed validation (nobody signs in).
 */
export function providerError(provider: string, error: unknown): ProviderError {
  if (error instanceof ProviderRefused || error instanceof ProviderUnavailable) return error;
  const options = { cause: error };
  const detail = error instanceof Error ? error.message : String(error);
  if (isUnavailable(error)) {
    return new ProviderUnavailable(`${provider}: ${detail}`, options);
  }
  return new ProviderRefused(`${provider}: ${detail}`, options);
}

function isUnavailable(error: unknown): boolean {
  // fetch's own failures (refused connection, DNS, reset) are TypeErrors.
  if (error instanceof TypeError) return true;
  // The provider sent the browser back with an error that says "later", not "no" (RFC 6749 4.1.2.1).
  const code = (error as { error?: unknown } | null)?.error;
  if (code === "temporarily_unavailable" || code === "server_error") return true;
  if (error instanceof ResponseBodyError) return transient(error.status);
  if (error instanceof ClientError) {
    if (error.code === "OAUTH_TIMEOUT" || error.code === "OAUTH_ABORT") return true;
    if (error.cause instanceof Response) return transient(error.cause.status);
    return error.cause instanceof TypeError;
  }
  return false;
}
