import { hmacSha256 } from "../encoding";
import type { Random } from "../ports/clock-and-random";

export const RECOVERY_CODE_COUNT = 10;

/** Crockford's base32: no i, l, o or u, so a code read aloud or copied by hand survives. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** 10 random bytes are exactly 16 characters of 5 bits: 80 bits per code (ASVS asks for 64). */
function encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Ten fresh codes, as shown once: `xxxx-xxxx-xxxx-xxxx`. */
export function newRecoveryCodes(random: Random): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    (encode(random.bytes(10)).match(/.{4}/g) ?? []).join("-"),
  );
}

/** What a person may have typed, as the code it means: case, spaces and dashes aside. */
function normalize(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "").replace(/[il]/g, "1").replace(/o/g, "0");
}

/**
 * Codes have 80 random bits, so a keyed hash is enough (no slow hash needed:
 * guessing is hopeless, and online guesses are rate limited); the key means
 * a database dump alone cannot even test a guess.
 */
export function recoveryCodeHash(authSecret: Uint8Array, code: string): string {
  return hmacSha256(authSecret, `recovery-code\n${normalize(code)}`);
}
