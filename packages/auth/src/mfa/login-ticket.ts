import { z } from "zod";
import type { AuthDeps } from "../deps";
import { base64url, constantTimeEqual, hmacSha256, sha256 } from "../encoding";
import { AuthError, isOutage } from "../errors";
import { readStoredRecord } from "../keys/stored-record";
import { clientIdentifier } from "../limits";
import type { User } from "../ports/database";
import type { RequestMeta } from "../sessions/sessions";

/** How long the second step of a login may take. */
const LOGIN_TICKET_TTL_SECONDS = 300;

/** How long past its expiry a ticket is still told apart as expired rather than invalid. */
const KNOWN_FOR_SECONDS = 3600;

export type SecondFactorMethod = "totp" | "recovery_code" | "passkey";

/** What login answers instead of tokens when the account has a second factor. */
export interface SecondFactorRequired {
  status: "second_factor_required";
  /** Opaque, single-use, bound to this login; send it back with a code to `completeLogin`. */
  ticket: string;
  methods: SecondFactorMethod[];
}

const recordSchema = z.object({
  userId: z.string(),
  /** The hashed client (as the rate limits name it) that proved the password. */
  client: z.string(),
  /** An HMAC of the password hash it was issued under: a password change ends the ticket. */
  proof: z.string(),
  expiresAt: z.number(),
});

export type LoginTicket = z.infer<typeof recordSchema>;

/** The key store holds a SHA-256 of the ticket, never the ticket: a dump of Redis signs nobody in. */
const nameOf = (ticket: string) => `login-ticket:${sha256(ticket)}`;

/** The bucket a ticket's attempts count against (hashed too: the limiter's store never holds it). */
export const ticketIdentifier = (ticket: string) => sha256(`login-ticket:${ticket}`);

const proofOf = (deps: Pick<AuthDeps, "secret">, user: Pick<User, "id" | "passwordHash">) =>
  hmacSha256(deps.secret, `login-ticket\n${user.id}\n${user.passwordHash}`);

/** A random 256-bit ticket for a user whose password was just proven, from this client; `methods` may complete it. */
export async function issueLoginTicket(
  deps: Pick<AuthDeps, "keys" | "random" | "clock" | "secret">,
  user: User,
  meta: RequestMeta,
  methods: SecondFactorMethod[],
): Promise<SecondFactorRequired> {
  const ticket = base64url(deps.random.bytes(32));
  const record: LoginTicket = {
    userId: user.id,
    client: clientIdentifier(meta.ip),
    proof: proofOf(deps, user),
    expiresAt: deps.clock.now().getTime() + LOGIN_TICKET_TTL_SECONDS * 1000,
  };
  await deps.keys.set(
    nameOf(ticket),
    JSON.stringify(record),
    LOGIN_TICKET_TTL_SECONDS + KNOWN_FOR_SECONDS,
  );
  return { status: "second_factor_required", ticket, methods };
}

/**
 * The ticket's record, if it may be used now by this client: unknown,
 * spent or from another client is LOGIN_TICKET_INVALID, too old is
 * LOGIN_TICKET_EXPIRED. Reading does not spend it: takeLoginTicket does.
 */
export async function readLoginTicket(
  deps: Pick<AuthDeps, "keys" | "clock">,
  ticket: string,
  meta: RequestMeta,
): Promise<LoginTicket> {
  const record = readStoredRecord(await deps.keys.get(nameOf(ticket)), recordSchema);
  if (!record || record.client !== clientIdentifier(meta.ip)) {
    throw new AuthError("LOGIN_TICKET_INVALID");
  }
  if (deps.clock.now().getTime() >= record.expiresAt) throw new AuthError("LOGIN_TICKET_EXPIRED");
  return record;
}

/** Whether the user is still as the ticket found them (same password). */
export function ticketFitsUser(
  deps: Pick<AuthDeps, "secret">,
  record: LoginTicket,
  user: User,
): boolean {
  return record.userId === user.id && constantTimeEqual(record.proof, proofOf(deps, user));
}

/** Spends the ticket (GETDEL): of two concurrent completions, exactly one gets true. */
export async function takeLoginTicket(keys: AuthDeps["keys"], ticket: string): Promise<boolean> {
  return (await keys.getAndDelete(nameOf(ticket))) !== null;
}

/**
 * Runs the transaction that takes the ticket (`work` calls takeLoginTicket)
 * and, if it fails because a dependency did (an outage, not the caller), puts
 * the ticket back: the login's second step can be retried as it was, instead
 * of starting over with the password.
 */
export async function givingTicketBackOnOutage<T>(
  deps: Pick<AuthDeps, "keys" | "clock">,
  ticket: string,
  record: LoginTicket,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const ttl = Math.ceil(
      (record.expiresAt + KNOWN_FOR_SECONDS * 1000 - deps.clock.now().getTime()) / 1000,
    );
    if (isOutage(error) && ttl > 0) {
      // Best effort: when the key store is what failed, the ticket may be gone for good.
      await deps.keys.set(nameOf(ticket), JSON.stringify(record), ttl).catch(() => undefined);
    }
    throw error;
  }
}
