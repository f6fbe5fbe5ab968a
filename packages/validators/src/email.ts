import { z } from "zod";

/** RFC 5321 caps a path at 254 octets; anything longer cannot receive mail. */
const MAX_EMAIL_LENGTH = 254;

/**
 * Addresses are compared and stored normalized: NFC, trimmed, lower-cased.
 * Lower-casing the local part is a product decision (every mainstream provider
 * is case-insensitive) that keeps "Ann@x.io" and "ann@x.io" one account.
 */
export const emailSchema = z
  .string({ error: "Enter your email address." })
  .transform((raw) => raw.normalize("NFC").trim().toLowerCase())
  .pipe(
    z
      .email({ error: "Enter a valid email address." })
      .max(MAX_EMAIL_LENGTH, { error: "That email address is too long." }),
  );
