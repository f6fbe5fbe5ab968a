import { Secret, TOTP } from "otpauth";
import type { Random } from "../ports/clock-and-random";

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PARAMETERS = { algorithm: "SHA1", digits: 6, period: 30 } as const;

/** 160 bits: RFC 4226's recommended length, and ASVS V6.5's minimum. */
const SECRET_BYTES = 20;

/** One step either side: a phone's clock a little off still works, a code two steps old does not. */
const DRIFT_STEPS = 1;

export interface TotpSecret {
  bytes: Uint8Array;
  /** What a person types into an authenticator app that cannot scan the QR code. */
  base32: string;
}

const totpOf = (bytes: Uint8Array, label?: { issuer: string; account: string }) =>
  new TOTP({
    ...PARAMETERS,
    secret: new Secret({ buffer: Uint8Array.from(bytes).buffer }),
    ...(label ? { issuer: label.issuer, label: label.account } : {}),
  });

export function newTotpSecret(random: Random): TotpSecret {
  const bytes = random.bytes(SECRET_BYTES);
  return { bytes, base32: new Secret({ buffer: Uint8Array.from(bytes).buffer }).base32 };
}

/** The `otpauth://totp/...` URI a QR code carries (Google Authenticator's key URI format). */
export function otpauthUri(secret: TotpSecret, label: { issuer: string; account: string }) {
  return totpOf(secret.bytes, label).toString();
}

/** The number of 30-second steps since the epoch at `now`. */
export function totpStepAt(now: Date): number {
  return TOTP.counter({ period: PARAMETERS.period, timestamp: now.getTime() });
}

export function totpCodeAt(secret: Uint8Array, now: Date): string {
  return totpOf(secret).generate({ timestamp: now.getTime() });
}

/**
 * The step whose code `code` is, within the allowed drift of `now`, or null.
 * The caller records the step as used (compare-and-set) before accepting,
 * so a code is accepted at most once. otpauth compares in constant time.
 */
export function matchingStep(secret: Uint8Array, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secret).validate({
    token: code,
    timestamp: now.getTime(),
    window: DRIFT_STEPS,
  });
  return delta === null ? null : totpStepAt(now) + delta;
}
