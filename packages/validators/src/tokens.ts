import { z } from "zod";

const KEY_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** 32 URL-safe characters from the activation email; anything else cannot be a key. */
export const activationKeySchema = z
  .string({ error: "activationKeyMissing" })
  .regex(KEY_PATTERN, { error: "activationKeyInvalid" });

/** The key of a password-reset or email-change link. */
export const oneTimeKeySchema = z
  .string({ error: "linkKeyMissing" })
  .regex(KEY_PATTERN, { error: "linkInvalid" });

/** A compact JWS: three base64url parts. The signature check decides the rest. */
export const jwtSchema = z
  .string({ error: "tokenMissing" })
  .max(4096, { error: "tokenTooLong" })
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { error: "tokenInvalid" });

/** Which emailed link a landing page opened, and its key: what `session.inspectLink` reads. */
export const inspectLinkInput = z.discriminatedUnion("purpose", [
  z.object({ purpose: z.literal("activation"), key: activationKeySchema }),
  z.object({ purpose: z.literal("password-reset"), key: oneTimeKeySchema }),
  z.object({ purpose: z.literal("email-change"), key: oneTimeKeySchema }),
  z.object({ purpose: z.literal("passwordless-login"), key: oneTimeKeySchema }),
]);
