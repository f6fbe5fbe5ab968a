import type { AuthDeps, PagePaths } from "../deps";
import { type KeyPurpose, newKeyStamp, noticeKey, storeOneTimeKey } from "../keys/one-time-keys";
import {
  loginCodeOf,
  passwordlessLifetime,
  storeLoginCode,
} from "../passwordless/passwordless-login";
import type { OutboxEntry, User } from "../ports/database";
import { DEFAULT_LOCALE, type Notice, type NoticeRequest } from "../ports/notices";

export type ResolveDeps = Pick<AuthDeps, "db" | "keys" | "random" | "clock" | "secret" | "policy">;

/** How long after expiry a reset or email-change link still reads as "expired" rather than "invalid". */
const KNOWN_FOR_SECONDS = 24 * 3600;

/**
 * Turns an outbox entry into the notice to send now, or null when there is
 * nothing to send any more (the account is gone, already active, or its
 * address moved on). Links are minted here, at send time, with the entry's
 * own key, and each mint renews the user's key stamp: only the newest link
 * of a user works, and a delayed email's link lasts its full lifetime.
 *
 * The language is the account's when the recipient's account is looked up
 * here, whatever language the request that asked for it was in; else the
 * entry's own (the request's, or the account's captured when it was queued);
 * else DEFAULT_LOCALE (an entry queued before notices had a language).
 */
export async function resolveNotice(deps: ResolveDeps, entry: OutboxEntry): Promise<Notice | null> {
  const { request } = entry;
  const page = pageUrls(deps);
  const forgotPasswordUrl = page("forgotPassword");
  switch (request.kind) {
    case "signup": {
      const user = await deps.db.users.findByEmail(request.email);
      if (!request.notify || !user) return null;
      if (!user.activatedAt) return activationNotice(deps, entry, user);
      // Active: its owner is told someone tried, unless this entry mailed the link it was
      // activated with (a retry after a lost acknowledgement): then there is nothing to say.
      return entry.mintedStamp === null ? accountExistsNotice(deps, user, request) : null;
    }
    case "activation":
      return activationNotice(deps, entry, await deps.db.users.findById(request.userId));
    case "account_exists":
      return accountExistsNotice(deps, await deps.db.users.findById(request.userId), request);
    case "activation_or_account_exists": {
      const user = await deps.db.users.findByEmail(request.email);
      return user?.activatedAt
        ? accountExistsNotice(deps, user, request)
        : activationNotice(deps, entry, user);
    }
    case "password_reset": {
      const user = await deps.db.users.findByEmail(request.email);
      // An inactive account's owner has not proven the address yet: activation comes first.
      if (!user?.activatedAt) return activationNotice(deps, entry, user);
      const link = await mintLink(deps, entry, user, "password-reset", null);
      return (
        link && {
          kind: "password_reset",
          to: user.email,
          ...link,
          locale: languageOf(user, request),
        }
      );
    }
    case "passwordless_login": {
      // An unknown address gets nothing, as a password reset for it does. A never-activated
      // account gets its login email too: signing in with it proves the mailbox.
      const user = await deps.db.users.findByEmail(request.email);
      if (!user) return null;
      const minted = await mintStampedLink(deps, entry, user, "passwordless-login", null);
      if (!minted) return null;
      const code = loginCodeOf(deps.secret, entry.id);
      const key = noticeKey(deps.secret, entry.id);
      await storeLoginCode(deps, user, minted.keyStamp, key, code);
      return {
        kind: "passwordless_login",
        to: user.email,
        ...minted.link,
        code,
        locale: languageOf(user, request),
      };
    }
    case "email_change_confirmation": {
      const user = await deps.db.users.findById(request.userId);
      if (!user?.activatedAt) return null;
      // Taken since it was asked for: the confirmation could only fail.
      if (await deps.db.users.findByEmail(request.newEmail)) return null;
      const link = await mintLink(deps, entry, user, "email-change", request.newEmail);
      return (
        link && {
          kind: "email_change_confirmation",
          to: request.newEmail,
          ...link,
          locale: languageOf(user, request),
        }
      );
    }
    case "password_changed":
      return {
        kind: "password_changed",
        to: request.to,
        forgotPasswordUrl,
        locale: localeOf(request),
      };
    case "email_change_notice":
      return {
        kind: "email_change_notice",
        to: request.to,
        newEmail: request.newEmail,
        forgotPasswordUrl,
        locale: localeOf(request),
      };
    case "account_deleted":
      return {
        kind: "account_deleted",
        to: request.to,
        signupUrl: page("signup"),
        locale: localeOf(request),
      };
    case "session_ended_after_reuse": {
      const user = await deps.db.users.findById(request.userId);
      return (
        user && {
          kind: "session_ended_after_reuse",
          to: user.email,
          accountUrl: page("account"),
          forgotPasswordUrl,
          locale: languageOf(user, request),
        }
      );
    }
    case "second_factor_changed":
      return {
        kind: "second_factor_changed",
        to: request.to,
        change: request.change,
        accountUrl: page("account"),
        forgotPasswordUrl,
        locale: localeOf(request),
      };
    // Not a notice: the worker hands webhooks to deliverWebhook before it gets here.
    case "webhook":
      return null;
  }
}

async function activationNotice(
  deps: ResolveDeps,
  entry: OutboxEntry,
  user: User | null,
): Promise<Notice | null> {
  if (!user || user.activatedAt) return null;
  const link = await mintLink(deps, entry, user, "activation", null);
  return (
    link && {
      kind: "activation",
      to: user.email,
      ...link,
      locale: user.locale ?? queuedLocale(entry),
    }
  );
}

/** For a notice whose account is not looked up: the language queued with it, or the default. */
const localeOf = (request: NoticeRequest) => request.locale ?? DEFAULT_LOCALE;

/** The language queued with an entry (webhook entries have none). */
const queuedLocale = (entry: OutboxEntry) =>
  ("locale" in entry.request ? entry.request.locale : null) ?? DEFAULT_LOCALE;

/** The account's language; for an account that never chose one, the request's, or the default. */
const languageOf = (user: Pick<User, "locale">, request: NoticeRequest) =>
  user.locale ?? localeOf(request);

function accountExistsNotice(
  deps: ResolveDeps,
  user: User | null,
  request: NoticeRequest,
): Notice | null {
  if (!user) return null;
  const page = pageUrls(deps);
  return {
    kind: "account_exists",
    to: user.email,
    loginUrl: page("login"),
    forgotPasswordUrl: page("forgotPassword"),
    locale: languageOf(user, request),
  };
}

/** The absolute URL of one of the app's pages, as the app placed it. */
const pageUrls =
  ({ policy }: ResolveDeps) =>
  (page: keyof PagePaths) =>
    `${policy.appUrl}${policy.pages[page]}`;

const keyPages: Record<KeyPurpose, keyof PagePaths> = {
  activation: "activate",
  "password-reset": "resetPassword",
  "email-change": "confirmEmail",
  "passwordless-login": "loginByEmail",
};

function lifetimeOf(deps: ResolveDeps, purpose: KeyPurpose) {
  const { policy } = deps;
  switch (purpose) {
    case "activation":
      return {
        ttlSeconds: policy.activationKeyTtlSeconds,
        knownForSeconds: policy.activationRefreshWindowSeconds,
      };
    case "password-reset":
      return { ttlSeconds: policy.passwordResetTtlSeconds, knownForSeconds: KNOWN_FOR_SECONDS };
    case "email-change":
      return { ttlSeconds: policy.emailChangeTtlSeconds, knownForSeconds: KNOWN_FOR_SECONDS };
    case "passwordless-login":
      return passwordlessLifetime(deps);
  }
}

/**
 * The entry's link. The first attempt renews the user's stamp (killing every
 * older key), records that stamp on the entry, then stores the entry's key
 * under it. A later attempt (the provider may have accepted the first) sends
 * the very same link while the stamp still holds, and nothing once it moved
 * on: a used link never comes back by being mailed again.
 */
async function mintLink(
  deps: ResolveDeps,
  entry: OutboxEntry,
  user: User,
  purpose: KeyPurpose,
  data: string | null,
): Promise<MintedLink | null> {
  return (await mintStampedLink(deps, entry, user, purpose, data))?.link ?? null;
}

type MintedLink = { link: string; expiresInMinutes: number };

/** The entry's link and the key stamp it was minted under. */
async function mintStampedLink(
  deps: ResolveDeps,
  entry: OutboxEntry,
  user: User,
  purpose: KeyPurpose,
  data: string | null,
): Promise<{ link: MintedLink; keyStamp: string } | null> {
  let current: User | null = user;
  let keyStamp = entry.mintedStamp;
  if (keyStamp === null) {
    current = await deps.db.users.renewKeyStamp(
      user.id,
      { keyStamp: newKeyStamp(deps.random) },
      user.activatedAt ? "active" : "inactive",
    );
    if (!current?.keyStamp) return null;
    keyStamp = current.keyStamp;
    if (!(await deps.db.outbox.recordMint(entry, keyStamp))) throw new ClaimLostError();
  } else if (user.keyStamp !== keyStamp) {
    return null;
  }
  const key = noticeKey(deps.secret, entry.id);
  const lifetime = lifetimeOf(deps, purpose);
  await storeOneTimeKey(deps, purpose, current, key, lifetime, data);
  return {
    link: {
      link: `${pageUrls(deps)(keyPages[purpose])}/${key}`,
      expiresInMinutes: Math.round(lifetime.ttlSeconds / 60),
    },
    keyStamp,
  };
}

/** Another worker holds the entry now (this one's lease ran out): it sends, this one must not. */
class ClaimLostError extends Error {
  override readonly name = "ClaimLostError";
  constructor() {
    super("the outbox entry was claimed by another worker");
  }
}
