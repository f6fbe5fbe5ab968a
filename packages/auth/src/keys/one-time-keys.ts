import { z } from "zod";
import type { AuthDeps } from "../deps";
import { base64url, constantTimeEqual, hmacSha256, sha256 } from "../encoding";
import type { Random } from "../ports/clock-and-random";
import type { User } from "../ports/database";
import type { KeyStore } from "../ports/key-store";
import { readStoredRecord } from "./stored-record";

/** 32 base64url characters of an HMAC-SHA-256: 192 bits, URL-safe, no padding. */
const KEY_CHARS = 32;

/** What a one-time key may do; part of its token, so a key of one purpose never serves another. */
export type KeyPurpose = "activation" | "password-reset" | "email-change" | "passwordless-login";

/**
 * A key lives under two names, both a SHA-256 of the key so Redis never holds
 * a usable secret: the usable record (TTL = the key's lifetime) and the known
 * one, which outlives it by a window so an expired link can be told apart
 * from a wrong one (and, for activation, traded for a new link).
 */
const usableName = (purpose: KeyPurpose, key: string) =>
  usableNameOfDigest(purpose, keyDigest(key));
const usableNameOfDigest = (purpose: KeyPurpose, digest: string) => `${purpose}:usable:${digest}`;

/** What the key store knows a key by: its SHA-256, never the key. */
export const keyDigest = (key: string) => sha256(key);
const knownName = (purpose: KeyPurpose, key: string) => `${purpose}:known:${keyDigest(key)}`;

export interface KeyRecord {
  userId: string;
  /** HMAC of the purpose, the user's state and `data` when the key was issued; see keyToken. */
  token: string;
  /** Epoch ms after which the key no longer works. */
  expiresAt: number;
  /** Purpose-specific payload bound into the token (the new address of an email change). */
  data: string | null;
}

export function newKeyStamp(random: Random): string {
  return base64url(random.bytes(16));
}

/**
 * In the spirit of Django's PasswordResetTokenGenerator: the token is a MAC of
 * the state the key was issued for, so it dies by itself once the account
 * activates, the password or address changes, or a newer key renews the stamp.
 */
function keyToken(secret: Uint8Array, purpose: KeyPurpose, user: User, data: string | null) {
  const state = [
    purpose,
    user.id,
    user.email,
    user.passwordHash,
    user.activatedAt ? "active" : "inactive",
    user.keyStamp ?? "",
    data ?? "",
  ].join("\n");
  return hmacSha256(secret, state);
}

export function tokenMatches(
  secret: Uint8Array,
  purpose: KeyPurpose,
  user: User,
  record: KeyRecord,
): boolean {
  const expected = keyToken(secret, purpose, user, record.data);
  return user.id === record.userId && constantTimeEqual(expected, record.token);
}

export interface KeyLifetime {
  ttlSeconds: number;
  /** How long after expiry the key is still recognized as "expired" rather than "invalid". */
  knownForSeconds: number;
}

/**
 * The key an outbox entry's link carries: derived from the entry's id, so
 * every attempt at one notice sends the very same email (the provider's
 * idempotency key then holds) and a retry re-stores the key it already mailed.
 */
export function noticeKey(secret: Uint8Array, noticeId: string): string {
  return hmacSha256(secret, `notice-link\n${noticeId}`).slice(0, KEY_CHARS);
}

/** Stores `key` as a one-time key of `purpose` for the user's current state. */
export async function storeOneTimeKey(
  deps: Pick<AuthDeps, "keys" | "clock" | "secret">,
  purpose: KeyPurpose,
  user: User,
  key: string,
  lifetime: KeyLifetime,
  data: string | null = null,
): Promise<void> {
  const record = JSON.stringify({
    userId: user.id,
    token: keyToken(deps.secret, purpose, user, data),
    expiresAt: deps.clock.now().getTime() + lifetime.ttlSeconds * 1000,
    data,
  } satisfies KeyRecord);
  await deps.keys.set(usableName(purpose, key), record, lifetime.ttlSeconds);
  await deps.keys.set(
    knownName(purpose, key),
    record,
    lifetime.ttlSeconds + lifetime.knownForSeconds,
  );
}

/** Atomically takes the usable record: of two concurrent callers, one gets it. */
export async function takeUsableKey(keys: KeyStore, purpose: KeyPurpose, key: string) {
  return parseRecord(await keys.getAndDelete(usableName(purpose, key)));
}

/**
 * The same, for a key known only by its digest (a login code names the key of
 * its email this way): whichever of the two is used first spends both.
 */
export async function takeUsableKeyByDigest(keys: KeyStore, purpose: KeyPurpose, digest: string) {
  return parseRecord(await keys.getAndDelete(usableNameOfDigest(purpose, digest)));
}

/** Reads the usable record without spending it (to check what comes with it first). */
export async function peekUsableKey(keys: KeyStore, purpose: KeyPurpose, key: string) {
  return parseRecord(await keys.get(usableName(purpose, key)));
}

/** Puts a taken key back, when what failed after taking it was ours and not the caller's. */
export function restoreUsableKey(
  keys: KeyStore,
  purpose: KeyPurpose,
  key: string,
  record: KeyRecord,
  now: Date,
) {
  return restoreUsableKeyByDigest(keys, purpose, keyDigest(key), record, now);
}

export async function restoreUsableKeyByDigest(
  keys: KeyStore,
  purpose: KeyPurpose,
  digest: string,
  record: KeyRecord,
  now: Date,
) {
  const ttl = Math.ceil((record.expiresAt - now.getTime()) / 1000);
  if (ttl > 0) await keys.set(usableNameOfDigest(purpose, digest), JSON.stringify(record), ttl);
}

export async function peekKnownKey(keys: KeyStore, purpose: KeyPurpose, key: string) {
  return parseRecord(await keys.get(knownName(purpose, key)));
}

export async function takeKnownKey(keys: KeyStore, purpose: KeyPurpose, key: string) {
  return parseRecord(await keys.getAndDelete(knownName(purpose, key)));
}

/** Puts a taken known record back, for its remaining time (known for `knownForSeconds` past expiry). */
export async function restoreKnownKey(
  keys: KeyStore,
  purpose: KeyPurpose,
  key: string,
  record: KeyRecord,
  knownForSeconds: number,
  now: Date,
) {
  const ttl = Math.ceil((record.expiresAt + knownForSeconds * 1000 - now.getTime()) / 1000);
  if (ttl > 0) await keys.set(knownName(purpose, key), JSON.stringify(record), ttl);
}

const recordSchema = z.object({
  userId: z.string(),
  token: z.string(),
  expiresAt: z.number(),
  data: z.string().nullable().default(null),
});

function parseRecord(raw: string | null): KeyRecord | null {
  return readStoredRecord(raw, recordSchema);
}
