import type { PasswordlessStartInput, PasswordlessVerifyInput } from "@latch/validators";
import { z } from "zod";
import { recordActivation } from "../account/activate";
import { recordLoginFailure } from "../audit/login-failure";
import { recordedTransaction } from "../audit/recorded-transaction";
import type { AuthDeps } from "../deps";
import { constantTimeEqual, hmacSha256, sha256 } from "../encoding";
import { AuthError, isOutage, OUTAGE_RETRY_AFTER_SECONDS } from "../errors";
import { inspectOneTimeKey, type KeyState } from "../keys/inspect-key";
import { explainUnusableKey, type KeyReasons } from "../keys/key-explanations";
import {
  type KeyLifetime,
  type KeyRecord,
  keyDigest,
  newKeyStamp,
  restoreUsableKey,
  restoreUsableKeyByDigest,
  takeUsableKey,
  takeUsableKeyByDigest,
  tokenMatches,
} from "../keys/one-time-keys";
import { readStoredRecord } from "../keys/stored-record";
import { addressIdentifier, enforce, refund } from "../limits";
import { queueNotice } from "../notices/queue-notice";
import type { User } from "../ports/database";
import { finishSignIn, type LoginResult } from "../sessions/login";
import { type RequestMeta, startSession } from "../sessions/sessions";

const PURPOSE = "passwordless-login";

/** How long after expiry a login link still reads as "expired" rather than "invalid". */
const KNOWN_FOR_SECONDS = 24 * 3600;

const linkReasons: KeyReasons = { invalid: "LOGIN_LINK_INVALID", expired: "LOGIN_LINK_EXPIRED" };

export const passwordlessLifetime = (deps: Pick<AuthDeps, "policy">): KeyLifetime => ({
  ttlSeconds: deps.policy.passwordlessTtlSeconds,
  knownForSeconds: KNOWN_FOR_SECONDS,
});

/**
 * Asks for a login email. Same answer, same work, for every address: the
 * request only counts the address and queues it; whether there is an account
 * to mail is decided when the outbox sends (an unknown address gets nothing,
 * as a password reset for it does). Past the address's hourly count of login
 * emails, whoever asked, the entry is written already dropped, so the answer
 * cannot tell.
 */
export async function startPasswordlessLogin(
  deps: AuthDeps,
  input: PasswordlessStartInput,
): Promise<{ status: "sent" }> {
  const rule = deps.policy.limits.passwordlessEmailsPerAddress;
  const address = addressIdentifier(input.email);
  let allowed: boolean;
  try {
    allowed = (await deps.limiter.take(rule, address)).allowed;
  } catch (cause) {
    throw new AuthError("SERVICE_UNAVAILABLE", {
      cause,
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
    });
  }
  try {
    await queueNotice(
      deps,
      { kind: "passwordless_login", email: input.email },
      input.email,
      allowed ? undefined : OVER_LOGIN_EMAIL_QUOTA,
    );
  } catch (error) {
    // Nothing was queued: the person's retries must not use up the hour's emails.
    if (allowed) await refund(deps, [rule], address);
    throw error;
  }
  return { status: "sent" };
}

const OVER_LOGIN_EMAIL_QUOTA = "over the address's hourly quota of login emails";

/**
 * The code printed in the email beside the link: 6 digits derived from the
 * outbox entry, so every attempt at sending one email carries the same code.
 * Written here rather than taken from a TOTP library: it is not time-based,
 * only a short stand-in for the link's key.
 */
export function loginCodeOf(secret: Uint8Array, noticeId: string): string {
  const digest = Buffer.from(hmacSha256(secret, `login-code\n${noticeId}`), "base64url");
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, "0");
}

/**
 * What the key store holds for an account's newest code: which link key it
 * stands for (its digest) and a MAC of the code, never the code. It is named
 * by the key stamp its email minted, and read by the account's current one:
 * an older email's code, however late a slow delivery stores it, is never
 * the one read.
 */
const codeRecordSchema = z.object({
  keyDigest: z.string(),
  codeMac: z.string(),
  expiresAt: z.number(),
});
type CodeRecord = z.infer<typeof codeRecordSchema>;

const codeNameOf = (userId: string, keyStamp: string) =>
  `${PURPOSE}:code:${sha256(`${userId}\n${keyStamp}`)}`;
const codeMacOf = (secret: Uint8Array, digest: string, code: string) =>
  hmacSha256(secret, `login-code-mac\n${digest}\n${code}`);

/**
 * Stores the code of the email whose link key is `key`, under the key stamp
 * that email minted. Nothing deletes it when the email is used: the usable
 * record it names is gone then, and the code fails with it.
 */
export async function storeLoginCode(
  deps: Pick<AuthDeps, "keys" | "clock" | "secret" | "policy">,
  user: Pick<User, "id">,
  mintedStamp: string,
  key: string,
  code: string,
): Promise<void> {
  const digest = keyDigest(key);
  const ttlSeconds = deps.policy.passwordlessTtlSeconds;
  const record: CodeRecord = {
    keyDigest: digest,
    codeMac: codeMacOf(deps.secret, digest, code),
    expiresAt: deps.clock.now().getTime() + ttlSeconds * 1000,
  };
  await deps.keys.set(codeNameOf(user.id, mintedStamp), JSON.stringify(record), ttlSeconds);
}

type PasswordlessKeyState = KeyState<{ email: string }>;

/**
 * What a login link would do, for its page, spending nothing: mail scanners
 * and link previews open links, so only the page's button (a POST) signs in.
 */
export function inspectPasswordlessKey(deps: AuthDeps, key: string): Promise<PasswordlessKeyState> {
  return inspectOneTimeKey(deps, { purpose: PURPOSE, key, reasons: linkReasons }, (user) => ({
    email: user.email,
  }));
}

/**
 * Signs in with a login email, by its link's key or by the address and code.
 * Both name one usable record in the key store, taken atomically: of any
 * number of concurrent verifications of one email, by link or code, one
 * signs in. An account with a second factor gets only a ticket for it.
 */
export function verifyPasswordlessLogin(
  deps: AuthDeps,
  input: PasswordlessVerifyInput,
  meta: RequestMeta,
): Promise<LoginResult> {
  return "key" in input
    ? verifyLink(deps, input.key, meta)
    : verifyCode(deps, input.email, input.code, meta);
}

async function verifyLink(deps: AuthDeps, key: string, meta: RequestMeta): Promise<LoginResult> {
  const now = deps.clock.now();
  const record = await takeUsableKey(deps.keys, PURPOSE, key);
  if (!record || record.expiresAt <= now.getTime()) {
    const reason = await explainUnusableKey(deps, PURPOSE, key, now, linkReasons);
    // A link names no account until it is usable.
    const failure = { userId: null, reason: reason.toLowerCase(), method: "email_link" } as const;
    await recordLoginFailure(deps, failure, meta);
    throw new AuthError(reason);
  }
  return signInWithTakenKey(deps, record, meta, now, "LOGIN_LINK_INVALID", () =>
    restoreUsableKey(deps.keys, PURPOSE, key, record, now),
  );
}

/**
 * Every attempt counts before the code is compared: against the address
 * (across every email sent to it, so asking for a new email refills
 * nothing) and against the code, whose tries are counted exactly over its
 * whole life in the key store (a limiter's sliding window could let a 6th
 * through across a window boundary). A right code gives the address's token
 * back, so that bucket counts wrong codes; so does an outage, so retries
 * while a part is down cost nothing. An unknown address, or one without a
 * live code, does the same work and gets the same answers: a wrong code
 * until the address's budget is spent, then 429. Past the code's own budget
 * the answer stays "wrong code" and the address is charged, for a 429 there
 * would say the address has a code.
 */
async function verifyCode(
  deps: AuthDeps,
  email: string,
  code: string,
  meta: RequestMeta,
): Promise<LoginResult> {
  const addressRule = deps.policy.limits.loginCodeFailuresPerAddress;
  const address = addressIdentifier(email);
  await enforce(deps, addressRule, address);
  let charged = true;
  const giveBack = async () => {
    if (!charged) return;
    charged = false;
    await refund(deps, [addressRule], address);
  };
  try {
    const taken = await takeByCode(deps, email, code, giveBack, meta);
    return await signInWithTakenKey(deps, taken.record, meta, taken.now, "LOGIN_CODE_INVALID", () =>
      restoreUsableKeyByDigest(deps.keys, PURPOSE, taken.digest, taken.record, taken.now),
    );
  } catch (error) {
    if (isOutage(error)) await giveBack();
    throw error;
  }
}

/** Compares the code (counted first) and takes the usable record of the email it came in. */
async function takeByCode(
  deps: AuthDeps,
  email: string,
  code: string,
  rightCode: () => Promise<void>,
  meta: RequestMeta,
): Promise<{ record: KeyRecord; digest: string; now: Date }> {
  const user = await deps.db.users.findByEmail(email);
  const codeName =
    user?.keyStamp != null
      ? codeNameOf(user.id, user.keyStamp)
      : codeNameOf(`no account:${addressIdentifier(email)}`, "");
  // The tries are counted under the code's own name (one per email: each email renews the
  // stamp), so counting and reading go out together. A counter started at the first try
  // outlives the code, which was minted before it and lives as long.
  const [raw, tries] = await Promise.all([
    deps.keys.get(codeName),
    deps.keys.increment(`${codeName}:tries`, deps.policy.passwordlessTtlSeconds),
  ]);
  const stored = readStoredRecord(raw, codeRecordSchema);
  const now = deps.clock.now();
  const record = stored && stored.expiresAt > now.getTime() ? stored : null;
  const digest = record?.keyDigest ?? sha256(codeName);
  const matches = constantTimeEqual(
    codeMacOf(deps.secret, digest, code),
    record?.codeMac ?? codeMacOf(deps.secret, digest, "no code"),
  );
  const withinCodeBudget = tries <= deps.policy.limits.loginCodeAttemptsPerCode;
  if (!user || !record || !withinCodeBudget || !matches) {
    // One write whether or not the address has an account; the typed one is never kept.
    const userId = user?.id ?? null;
    const failure = { userId, reason: "invalid_code", method: "email_code" } as const;
    await recordLoginFailure(deps, failure, meta);
    throw new AuthError("LOGIN_CODE_INVALID", { field: "code" });
  }
  await rightCode();

  const taken = await takeUsableKeyByDigest(deps.keys, PURPOSE, record.keyDigest);
  // Its link was used first (or a newer email replaced it): the code went with it.
  if (!taken || taken.expiresAt <= now.getTime() || taken.userId !== user.id) {
    throw new AuthError("LOGIN_CODE_INVALID", { field: "code" });
  }
  return { record: taken, digest: record.keyDigest, now };
}

/**
 * After the email's one usable record was taken: checked against the account
 * as it is now (a changed password, address or newer email kills it). A
 * never-activated account is activated, as activation with a new password
 * does: the mailbox is proven, and the password someone chose before that
 * proof (perhaps a squatter) is discarded. The record is put back only when
 * what failed was ours (an outage), so the person can try again.
 */
async function signInWithTakenKey(
  deps: AuthDeps,
  record: KeyRecord,
  meta: RequestMeta,
  now: Date,
  invalid: "LOGIN_LINK_INVALID" | "LOGIN_CODE_INVALID",
  restore: () => Promise<void>,
): Promise<LoginResult> {
  try {
    const refused = () =>
      new AuthError(invalid, invalid === "LOGIN_CODE_INVALID" ? { field: "code" } : {});
    const method = invalid === "LOGIN_LINK_INVALID" ? "email_link" : "email_code";
    const user = await deps.db.users.findById(record.userId);
    if (!user || !tokenMatches(deps.secret, PURPOSE, user, record)) throw refused();
    if (user.activatedAt) {
      // Spent for good, in the transaction that signs in: a new key stamp kills this record
      // wherever a copy might come back from (an outbox retry after a lost acknowledgement
      // stores the email's key again; a restore after a commit whose answer was lost).
      return await recordedTransaction(deps, async (tx) => {
        const spent = await tx.users.renewKeyStamp(
          user.id,
          { keyStamp: newKeyStamp(deps.random), expectedKeyStamp: user.keyStamp },
          "active",
        );
        if (!spent) throw refused();
        return finishSignIn(deps, spent, meta, method, tx);
      });
    }
    return await recordedTransaction(deps, async (tx) => {
      const change = {
        expectedKeyStamp: user.keyStamp,
        newPassword: { passwordHash: null, keyStamp: newKeyStamp(deps.random) },
      };
      if (!(await tx.users.activate(user.id, now, change))) throw refused();
      const activated: User = { ...user, ...change.newPassword, activatedAt: now };
      await recordActivation(tx, activated, meta, now);
      return startSession(deps, tx, activated, meta, now, method);
    });
  } catch (error) {
    if (isOutage(error)) {
      // The key store failing again here loses this email (the person asks for a new one).
      await restore().catch(() => deps.log?.("login_key_restore_failed", {}));
    }
    throw error;
  }
}
