/**
 * What the domain tells people, as data: the mail package renders each kind
 * (React Email) and sends it. Links arrive ready; the key inside a link was
 * minted when the notice was sent, not when it was asked for. `locale` is the
 * language to write it in (see resolveNotice): the account's, whoever asked.
 */
export type Notice = NoticeBody & { locale: string };

type NoticeBody =
  | { kind: "activation"; to: string; link: string; expiresInMinutes: number }
  | { kind: "account_exists"; to: string; loginUrl: string; forgotPasswordUrl: string }
  | { kind: "password_reset"; to: string; link: string; expiresInMinutes: number }
  | { kind: "password_changed"; to: string; forgotPasswordUrl: string }
  /**
   * Passwordless login: a link to a page that signs in only when its button is
   * pressed, and the same sign-in as a 6-digit code to type on another device.
   * Using either spends both.
   */
  | { kind: "passwordless_login"; to: string; link: string; code: string; expiresInMinutes: number }
  | { kind: "email_change_confirmation"; to: string; link: string; expiresInMinutes: number }
  | { kind: "email_change_notice"; to: string; newEmail: string; forgotPasswordUrl: string }
  | { kind: "account_deleted"; to: string; signupUrl: string }
  /** Security notice: a refresh token was used twice, so the session it belonged to was ended. */
  | {
      kind: "session_ended_after_reuse";
      to: string;
      accountUrl: string;
      forgotPasswordUrl: string;
    }
  /** Security notice: two-step sign-in was turned on or off, its recovery codes changed, or a passkey came or went. */
  | {
      kind: "second_factor_changed";
      to: string;
      change: SecondFactorChange;
      accountUrl: string;
      forgotPasswordUrl: string;
    };

/** What happened to an account's second factor, as its security notice tells it. */
export type SecondFactorChange =
  | { what: "enabled" }
  | { what: "disabled" }
  | { what: "recovery_codes_regenerated" }
  | { what: "recovery_code_used"; codesLeft: number }
  | { what: "passkey_added"; name: string }
  | { what: "passkey_removed"; name: string }
  /** A provider's identity was linked to the account (`name`: the provider's label). */
  | { what: "provider_connected"; name: string }
  | { what: "provider_disconnected"; name: string };

export type NoticeKind = Notice["kind"];

/** The language of an email with nothing better to go by (an account created without one, an old outbox entry). */
export const DEFAULT_LOCALE = "en";

export interface SendOptions {
  /**
   * The same for every attempt at one notice, so a provider that honours it
   * (Resend's Idempotency-Key) delivers a retried notice once.
   */
  idempotencyKey: string;
}

/** The notice port: one notice to one address. */
export interface NoticeSender {
  /**
   * Resolves once the provider accepted the notice. Rejects with
   * NoticeRejected when retrying cannot help (the provider refused the
   * address or the message); any other rejection is retried with backoff.
   */
  send(notice: Notice, options: SendOptions): Promise<void>;
}

/** The provider refused this notice for good (an invalid address, say): retrying cannot help. */
export class NoticeRejected extends Error {
  override readonly name = "NoticeRejected";
}

/**
 * What the outbox holds: a notice decided on by a request, in the request's
 * transaction. It becomes a Notice only when it is sent, so one-time keys
 * are minted then (a delayed email still carries a link valid for its full
 * lifetime) and lookups that would reveal whether an address has an account
 * happen off the request path.
 */
export type NoticeRequest = NoticeRequestBody & {
  /**
   * The language of a notice whose recipient may have no account by the time
   * it is sent: the request's for an anonymous one, the account's (captured at
   * enqueue time) for one addressed `to` an account that may be gone then. A
   * notice for an account found at send time takes that account's language.
   * Null: an account older than languages, which chose none.
   */
  locale?: string | null;
};

type NoticeRequestBody =
  /**
   * A signup queued whole by a release before 2026-12, which created the account
   * only when the entry was delivered (see notices/legacy-signup.ts). No longer
   * written: signup now writes the account and an "activation" or
   * "account_exists" entry in one transaction. Removed in the next release.
   */
  | { kind: "signup"; email: string; passwordHash: string; notify: boolean }
  | { kind: "activation"; userId: string }
  | { kind: "account_exists"; userId: string }
  /** resendActivation: the activation link for an inactive account, "you have an account" for an active one. */
  | { kind: "activation_or_account_exists"; email: string }
  /** requestPasswordReset: a reset link for an active account, the activation link for an inactive one. */
  | { kind: "password_reset"; email: string }
  | { kind: "password_changed"; to: string }
  /** auth.passwordless.start: a login link and code for an account; nothing for an unknown address. */
  | { kind: "passwordless_login"; email: string }
  | { kind: "email_change_confirmation"; userId: string; newEmail: string }
  | { kind: "email_change_notice"; to: string; newEmail: string }
  | { kind: "account_deleted"; to: string }
  | { kind: "session_ended_after_reuse"; userId: string }
  | { kind: "second_factor_changed"; to: string; change: SecondFactorChange };
