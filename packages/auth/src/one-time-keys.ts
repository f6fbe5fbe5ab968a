import type { KeyStore } from "@latch/keystore";
import { z } from "zod";
import type { User } from "./database";
import type { AuthDeps, Random } from "./deps";
import { base64url, constantTimeEqual, hmacSha256, sha256 } from "./encoding";

/** 24 random bytes are exactly 32 base64url characters: 192 bits, URL-safe, no padding. */
const KEY_BYTES = 24;

/**
 * A key lives under two names, both a SHA-256 of the key so Redis never holds
 * a usable secret: the usable record (TTL = activation TTL) and the refreshable
 * one (TTL = activation TTL + refresh window) that outlives it so an expired
 * link can still ask for a new one.
 */
const usableName = (key: string) => `activation:usable:${sha256(key)}`;
const refreshableName = (key: string) => `activation:refreshable:${sha256(key)}`;

export interface ActivationRecord {
  userId: string;
  /** HMAC of the user's state when the key was issued; see activationToken. */
  token: string;
  /** Epoch ms after which the key no longer activates. */
  expiresAt: number;
}

export function newActivationKey(random: Random): string {
  return base64url(random.bytes(KEY_BYTES));
}

export function newActivationStamp(random: Random): string {
  return base64url(random.bytes(16));
}

/**
 * In the spirit of Django's PasswordResetTokenGenerator: the token is a MAC of
 * the state the key was issued for, so it dies by itself once the account is
 * active, the password changes, or a newer key renews the stamp.
 */
export function activationToken(secret: Uint8Array, user: User): string {
  const state = [
    user.id,
    user.passwordHash,
    user.activatedAt ? "active" : "inactive",
    user.activationStamp ?? "",
  ].join("\n");
  return hmacSha256(secret, state);
}

export function tokenMatches(secret: Uint8Array, user: User, record: ActivationRecord): boolean {
  return (
    user.id === record.userId && constantTimeEqual(activationToken(secret, user), record.token)
  );
}

export async function storeActivationKey(
  deps: Pick<AuthDeps, "keys" | "random" | "clock" | "secret" | "policy">,
  user: User,
): Promise<{ key: string; expiresAt: Date }> {
  const { activationKeyTtlSeconds: ttl, activationRefreshWindowSeconds: window } = deps.policy;
  const key = newActivationKey(deps.random);
  const expiresAt = deps.clock.now().getTime() + ttl * 1000;
  const record = JSON.stringify({
    userId: user.id,
    token: activationToken(deps.secret, user),
    expiresAt,
  } satisfies ActivationRecord);
  await deps.keys.set(usableName(key), record, ttl);
  await deps.keys.set(refreshableName(key), record, ttl + window);
  return { key, expiresAt: new Date(expiresAt) };
}

/** Atomically takes the usable record: of two concurrent callers, one gets it. */
export async function takeUsableKey(keys: KeyStore, key: string) {
  return parseRecord(await keys.getAndDelete(usableName(key)));
}

export async function restoreUsableKey(
  keys: KeyStore,
  key: string,
  record: ActivationRecord,
  now: Date,
) {
  const ttl = Math.ceil((record.expiresAt - now.getTime()) / 1000);
  if (ttl > 0) await keys.set(usableName(key), JSON.stringify(record), ttl);
}

export async function peekRefreshableKey(keys: KeyStore, key: string) {
  return parseRecord(await keys.get(refreshableName(key)));
}

export async function takeRefreshableKey(keys: KeyStore, key: string) {
  return parseRecord(await keys.getAndDelete(refreshableName(key)));
}

const recordSchema = z.object({
  userId: z.string(),
  token: z.string(),
  expiresAt: z.number(),
});

function parseRecord(raw: string | null): ActivationRecord | null {
  if (raw === null) return null;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // A record we cannot read is as good as no record.
  }
}
