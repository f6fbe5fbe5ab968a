import { openSecret, sealSecret } from "../mfa/secret-box";
import type { Random } from "../ports/clock-and-random";

/** Standard Webhooks' prefix for a symmetric secret: receivers' libraries strip it. */
const PREFIX = "whsec_";

/**
 * The associated data a secret is sealed under. Prefixed, so a webhook secret
 * and a TOTP secret (sealed under a user's id) can never open as each other.
 */
const boundTo = (endpointId: string) => `webhook-endpoint:${endpointId}`;

/** A new signing secret (32 random bytes), shown to the admin once, and its sealed form to store. */
export function newWebhookSecret(
  authSecret: Uint8Array,
  endpointId: string,
  random: Random,
): { secret: string; encryptedSecret: string } {
  const key = random.bytes(32);
  return {
    secret: PREFIX + Buffer.from(key).toString("base64"),
    encryptedSecret: sealSecret(authSecret, boundTo(endpointId), key, random),
  };
}

/** The `whsec_…` secret of an endpoint; throws when it was sealed for another endpoint or key. */
export function openWebhookSecret(
  authSecret: Uint8Array,
  endpointId: string,
  encryptedSecret: string,
): string {
  const key = openSecret(authSecret, boundTo(endpointId), encryptedSecret);
  return PREFIX + Buffer.from(key).toString("base64");
}
