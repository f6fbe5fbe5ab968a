import { z } from "zod";
import type { AuthDeps } from "../deps";
import { base64url, sha256 } from "../encoding";
import { AuthError, isOutage } from "../errors";
import { readStoredRecord } from "../keys/stored-record";

/** How long a ceremony may take, from its options to its response. */
const CHALLENGE_TTL_SECONDS = 300;

/** What the browser is told: a little less, so a response it sends still finds its challenge. */
export const CEREMONY_TIMEOUT_MS = (CHALLENGE_TTL_SECONDS - 30) * 1000;

/**
 * What a challenge was issued for. A response is accepted only for the
 * ceremony its challenge names: a registration's challenge signs nobody in,
 * a sign-in's cannot complete another login's second step, and one user's
 * registration challenge cannot register a passkey on another account.
 */
const ceremonySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("registration"), userId: z.string() }),
  z.object({ kind: z.literal("sign_in") }),
  /** The second step of the login whose ticket hashes to `ticket`. */
  z.object({ kind: z.literal("second_factor"), ticket: z.string() }),
]);

export type Ceremony = z.infer<typeof ceremonySchema>;

const recordSchema = z.object({ ceremony: ceremonySchema, expiresAt: z.number() });

/** Stored under a SHA-256 of the challenge: a dump of the key store answers no ceremony. */
const nameOf = (challenge: string) => `passkey-challenge:${sha256(challenge)}`;

/** A random 256-bit challenge for one ceremony, kept in the key store for 5 minutes. */
export async function issueChallenge(
  deps: Pick<AuthDeps, "keys" | "random" | "clock">,
  ceremony: Ceremony,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(deps.random.bytes(32));
  const expiresAt = deps.clock.now().getTime() + CHALLENGE_TTL_SECONDS * 1000;
  await deps.keys.set(
    nameOf(base64url(bytes)),
    JSON.stringify({ ceremony, expiresAt }),
    CHALLENGE_TTL_SECONDS,
  );
  return bytes;
}

/**
 * Takes (GETDEL) the challenge the response signed, once: the one in its
 * clientDataJSON, which counts only if the key store still holds it, for
 * exactly this ceremony and not expired. Anything else is
 * PASSKEY_CHALLENGE_INVALID. Then runs `use` with it (for the library to
 * compare again); if `use` fails because a dependency did (an outage, not
 * the caller), the challenge goes back, so the same response can be retried
 * rather than the whole ceremony.
 */
export async function withChallenge<T>(
  deps: Pick<AuthDeps, "keys" | "clock">,
  clientDataJSON: string,
  expected: Ceremony,
  use: (challenge: string) => Promise<T>,
): Promise<T> {
  const challenge = signedChallenge(clientDataJSON);
  if (challenge === null) throw new AuthError("PASSKEY_CHALLENGE_INVALID");
  const stored = await deps.keys.getAndDelete(nameOf(challenge));
  const record = readStoredRecord(stored, recordSchema);
  if (
    !stored ||
    !record ||
    deps.clock.now().getTime() >= record.expiresAt ||
    canonical(record.ceremony) !== canonical(expected)
  ) {
    throw new AuthError("PASSKEY_CHALLENGE_INVALID");
  }
  try {
    return await use(challenge);
  } catch (error) {
    const ttl = Math.ceil((record.expiresAt - deps.clock.now().getTime()) / 1000);
    if (isOutage(error) && ttl > 0) {
      // Best effort: when the key store is what failed, the ceremony starts over.
      await deps.keys.set(nameOf(challenge), stored, ttl).catch(() => undefined);
    }
    throw error;
  }
}

const canonical = (ceremony: Ceremony) => JSON.stringify(Object.entries(ceremony).sort());

const clientDataSchema = z.object({ challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

function signedChallenge(clientDataJSON: string): string | null {
  const json = Buffer.from(clientDataJSON, "base64url").toString("utf8");
  return readStoredRecord(json, clientDataSchema)?.challenge ?? null;
}
