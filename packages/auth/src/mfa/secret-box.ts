import { createCipheriv, createDecipheriv, hkdfSync } from "node:crypto";
import { base64url } from "../encoding";
import type { Random } from "../ports/clock-and-random";

const VERSION = "v1";

/**
 * A key of its own for TOTP secrets, derived from AUTH_SECRET with HKDF-SHA-256
 * (RFC 5869): the HMAC uses of AUTH_SECRET never share a key with this cipher.
 */
function encryptionKey(authSecret: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "latch", "totp-secret-encryption/v1", 32));
}

/**
 * AES-256-GCM with a random 96-bit nonce; the user's id is the associated
 * data, so a sealed secret copied onto another user's row does not open.
 * A database dump alone never yields a code.
 */
export function sealSecret(
  authSecret: Uint8Array,
  userId: string,
  secret: Uint8Array,
  random: Random,
): string {
  const nonce = random.bytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(authSecret), nonce);
  cipher.setAAD(Buffer.from(userId));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
  return [VERSION, base64url(nonce), base64url(sealed), base64url(cipher.getAuthTag())].join(".");
}

/** Throws when the secret was sealed for another user, under another key, or changed. */
export function openSecret(authSecret: Uint8Array, userId: string, sealed: string): Uint8Array {
  const [version, nonce, data, tag] = sealed.split(".");
  if (version !== VERSION || !nonce || !data || !tag) throw new TypeError("not a sealed secret");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    encryptionKey(authSecret),
    Buffer.from(nonce, "base64url"),
  );
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return new Uint8Array(
    Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]),
  );
}
