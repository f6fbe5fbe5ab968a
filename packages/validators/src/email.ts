import { z } from "zod";

/** RFC 5321 §4.5.3.1: a local part holds at most 64 octets, a path at most 254 (256 with <>). */
const EMAIL_MAX_LOCAL_PART_OCTETS = 64;
const EMAIL_MAX_OCTETS = 254;

const utf8 = new TextEncoder();
/** The limits are in octets on the wire, not in characters: count UTF-8 bytes. */
const octets = (text: string) => utf8.encode(text).length;
const localPart = (address: string) => address.slice(0, Math.max(0, address.lastIndexOf("@")));

/**
 * Addresses are compared and stored normalized: NFC, trimmed, lower-cased.
 * Lower-casing the local part is a product decision (every mainstream provider
 * is case-insensitive) that keeps "Ann@x.io" and "ann@x.io" one account.
 * An address over RFC 5321's limits cannot receive mail, so it is refused.
 */
export const emailSchema = z
  .string({ error: "emailMissing" })
  .transform((raw) => raw.normalize("NFC").trim().toLowerCase())
  .pipe(
    z
      .email({ error: "emailInvalid" })
      .refine((address) => octets(address) <= EMAIL_MAX_OCTETS, {
        error: "emailTooLong",
        params: { max: EMAIL_MAX_OCTETS },
      })
      .refine((address) => octets(localPart(address)) <= EMAIL_MAX_LOCAL_PART_OCTETS, {
        error: "emailLocalPartTooLong",
        params: { max: EMAIL_MAX_LOCAL_PART_OCTETS },
      }),
  );
