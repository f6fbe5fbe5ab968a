import ipaddr from "ipaddr.js";
import type { AuthDeps } from "./deps";
import { sha256 } from "./encoding";
import { AuthError, isAuthError, OUTAGE_RETRY_AFTER_SECONDS } from "./errors";
import type { RateRule } from "./ports/rate-limiter";

/** Every limit Latch enforces; each one is a configuration variable (see .env.example). */
export interface LimitPolicy {
  /** Per client: logins (password checks) per minute. */
  loginsPerClient: RateRule;
  /** Per client: signups per hour. */
  signupsPerClient: RateRule;
  /** Per client: password-reset requests per hour. */
  passwordResetRequestsPerClient: RateRule;
  /** Per client: activation emails asked for again (resend, refresh of an expired key) per hour. */
  activationResendsPerClient: RateRule;
  /** Per client: one-time keys checked (activate, reset, confirm an email change) per minute. */
  keyChecksPerClient: RateRule;
  /** Per (address, client): failed logins per 15 minutes. */
  loginFailuresPerAddressAndClient: RateRule;
  /**
   * Per address, from every client together: tiers of failed logins with
   * ever longer windows, so guessing slows down step by step instead of
   * locking the owner out; the last tier caps consecutive failures.
   */
  loginFailuresPerAddress: RateRule[];
  /** Per activation key: wrong passwords tried with it. */
  activationPasswordAttemptsPerKey: RateRule;
  /** Per account: email changes asked for per hour. */
  emailChangesPerAccount: RateRule;
  /** Per login ticket: second-factor codes tried with it. */
  secondFactorAttemptsPerTicket: RateRule;
  /**
   * Per account, across tickets and sessions: tiers of wrong second-factor
   * codes (login, enrolment, disabling, regenerating), growing like the
   * login tiers; a right code gives its tokens back.
   */
  secondFactorFailuresPerAccount: RateRule[];
  /** Per account: wrong passwords re-entered to change the second factor, per 15 minutes. */
  passwordRechecksPerAccount: RateRule;
  /** All emails Latch sends, per hour: a cost and spam ceiling. */
  emailBudget: RateRule;
  /** Per client: passwordless login emails asked for, per hour. */
  passwordlessStartsPerClient: RateRule;
  /** Per client: passwordless verifications (a link's button, a typed code), per minute. */
  passwordlessVerificationsPerClient: RateRule;
  /** Per address, whoever asks: passwordless login emails sent, per hour. */
  passwordlessEmailsPerAddress: RateRule;
  /**
   * Per login code (one email's): codes tried. A count, not a limiter rule: the tries are
   * counted exactly over the code's life in the key store, not in a sliding window.
   */
  loginCodeAttemptsPerCode: number;
  /** Per address, across every email sent to it: wrong login codes per hour (a new email does not refill it). */
  loginCodeFailuresPerAddress: RateRule;
}

export type LimitDeps = Pick<AuthDeps, "limiter" | "log">;

/** Client limits apply to the procedures anonymous callers can use to make Latch work. */
export type ClientAction =
  | "login"
  | "signup"
  | "password-reset-request"
  | "activation-resend"
  | "key-check"
  | "passwordless-start"
  | "passwordless-verify";

const clientRules: Record<ClientAction, (limits: LimitPolicy) => RateRule> = {
  login: (limits) => limits.loginsPerClient,
  signup: (limits) => limits.signupsPerClient,
  "password-reset-request": (limits) => limits.passwordResetRequestsPerClient,
  "activation-resend": (limits) => limits.activationResendsPerClient,
  "key-check": (limits) => limits.keyChecksPerClient,
  "passwordless-start": (limits) => limits.passwordlessStartsPerClient,
  "passwordless-verify": (limits) => limits.passwordlessVerificationsPerClient,
};

/**
 * The bucket a client's requests count against. IPv6 clients are grouped by
 * their /64 (one host usually owns the whole prefix); an unknown address (no
 * trusted proxy) falls into one shared bucket, so unknown never means unlimited.
 */
export function clientIdentifier(ip: string | null): string {
  if (!ip || !ipaddr.isValid(ip)) return "shared";
  // process() turns an IPv4-mapped IPv6 address back into the IPv4 one.
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") return sha256(`v4:${address.toString()}`);
  const prefix = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return sha256(`v6:${prefix.join(":")}::/64`);
}

/** Takes a token or throws RATE_LIMITED; a limiter that cannot answer refuses (fails closed). */
export async function enforce(deps: LimitDeps, rule: RateRule, identifier: string): Promise<void> {
  let decision: Awaited<ReturnType<AuthDeps["limiter"]["take"]>>;
  try {
    decision = await deps.limiter.take(rule, identifier);
  } catch (cause) {
    throw new AuthError("SERVICE_UNAVAILABLE", {
      cause,
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
    });
  }
  if (!decision.allowed) {
    throw new AuthError("RATE_LIMITED", { retryAfterSeconds: decision.retryAfterSeconds });
  }
}

/**
 * Takes a token from each rule at once (one round trip where the store
 * pipelines): all or nothing, so a refusal by one rule leaves the others as
 * they were. Throws the longest wait among the refusals.
 */
export async function enforceAll(deps: LimitDeps, rules: RateRule[], identifier: string) {
  const outcomes = await Promise.allSettled(rules.map((rule) => enforce(deps, rule, identifier)));
  const refusals = outcomes.flatMap((outcome) =>
    outcome.status === "rejected" ? [outcome.reason as unknown] : [],
  );
  if (refusals.length === 0) return;
  await refund(
    deps,
    rules.filter((_, index) => outcomes[index]?.status === "fulfilled"),
    identifier,
  );
  const waits = refusals.map((error) =>
    isAuthError(error) && error.reason === "RATE_LIMITED" ? (error.retryAfterSeconds ?? 0) : -1,
  );
  // A limiter that could not answer outranks a refusal: the request is refused either way.
  const unavailable = waits.indexOf(-1);
  if (unavailable >= 0) throw refusals[unavailable];
  throw new AuthError("RATE_LIMITED", { retryAfterSeconds: Math.max(...waits) });
}

/** Gives tokens back without failing the request: a lost refund only costs the caller a token. */
export async function refund(deps: LimitDeps, rules: RateRule[], identifier: string) {
  await Promise.all(
    rules.map((rule) =>
      deps.limiter.refund(rule, identifier).catch(() => {
        deps.log?.("rate_limit_refund_failed", { rule: rule.name });
      }),
    ),
  );
}

export async function enforceClientLimit(
  deps: LimitDeps & Pick<AuthDeps, "policy">,
  action: ClientAction,
  ip: string | null,
): Promise<void> {
  await enforce(deps, clientRules[action](deps.policy.limits), clientIdentifier(ip));
}

/** Addresses are hashed before they name a bucket: the limiter's store never holds one. */
export const addressIdentifier = (email: string) => sha256(`email:${email}`);

/** The numbers an operator sets (each a variable); windows and tier shapes are Latch's. */
export interface LimitSettings {
  /** Multiplies every limit below (load tests, benchmarks). */
  scale: number;
  loginsPerClientPerMinute: number;
  signupsPerClientPerHour: number;
  passwordResetRequestsPerClientPerHour: number;
  activationResendsPerClientPerHour: number;
  keyChecksPerClientPerMinute: number;
  loginFailuresPerAddressAndClientPer15Minutes: number;
  /** The cap on failures per address in a day; a fifth per 5 minutes and a half per hour come first. */
  loginFailuresPerAddressPerDay: number;
  activationPasswordAttemptsPerKey: number;
  emailChangesPerAccountPerHour: number;
  emailBudgetPerHour: number;
  secondFactorAttemptsPerTicket: number;
  /** The cap on wrong second-factor codes per account in a day; a fifth per 15 minutes comes first. */
  secondFactorFailuresPerAccountPerDay: number;
  passwordRechecksPerAccountPer15Minutes: number;
  passwordlessStartsPerClientPerHour: number;
  passwordlessVerificationsPerClientPerMinute: number;
  passwordlessEmailsPerAddressPerHour: number;
  loginCodeAttemptsPerCode: number;
  loginCodeFailuresPerAddressPerHour: number;
}

export const defaultLimitSettings: LimitSettings = {
  scale: 1,
  loginsPerClientPerMinute: 20,
  signupsPerClientPerHour: 10,
  passwordResetRequestsPerClientPerHour: 10,
  activationResendsPerClientPerHour: 10,
  keyChecksPerClientPerMinute: 30,
  loginFailuresPerAddressAndClientPer15Minutes: 10,
  loginFailuresPerAddressPerDay: 100,
  activationPasswordAttemptsPerKey: 5,
  emailChangesPerAccountPerHour: 5,
  emailBudgetPerHour: 1000,
  secondFactorAttemptsPerTicket: 5,
  secondFactorFailuresPerAccountPerDay: 50,
  passwordRechecksPerAccountPer15Minutes: 10,
  passwordlessStartsPerClientPerHour: 10,
  passwordlessVerificationsPerClientPerMinute: 30,
  passwordlessEmailsPerAddressPerHour: 5,
  loginCodeAttemptsPerCode: 5,
  loginCodeFailuresPerAddressPerHour: 10,
};

const MINUTE = 60;
const HOUR = 3600;

export function limitPolicy(settings: LimitSettings, activationKeyTtlSeconds: number): LimitPolicy {
  const scaled = (limit: number) => Math.max(1, Math.round(limit * settings.scale));
  const rule = (name: string, limit: number, windowSeconds: number): RateRule => ({
    name,
    limit: scaled(limit),
    windowSeconds,
  });
  const perDay = settings.loginFailuresPerAddressPerDay;
  const codesPerDay = settings.secondFactorFailuresPerAccountPerDay;
  return {
    loginsPerClient: rule("login:client", settings.loginsPerClientPerMinute, MINUTE),
    signupsPerClient: rule("signup:client", settings.signupsPerClientPerHour, HOUR),
    passwordResetRequestsPerClient: rule(
      "password-reset-request:client",
      settings.passwordResetRequestsPerClientPerHour,
      HOUR,
    ),
    activationResendsPerClient: rule(
      "activation-resend:client",
      settings.activationResendsPerClientPerHour,
      HOUR,
    ),
    keyChecksPerClient: rule("key-check:client", settings.keyChecksPerClientPerMinute, MINUTE),
    loginFailuresPerAddressAndClient: rule(
      "login-failure:address-client",
      settings.loginFailuresPerAddressAndClientPer15Minutes,
      15 * MINUTE,
    ),
    loginFailuresPerAddress: [
      rule("login-failure:address:5m", Math.ceil(perDay / 5), 5 * MINUTE),
      rule("login-failure:address:1h", Math.ceil(perDay / 2), HOUR),
      rule("login-failure:address:1d", perDay, 24 * HOUR),
    ],
    activationPasswordAttemptsPerKey: rule(
      "activation-password:key",
      settings.activationPasswordAttemptsPerKey,
      activationKeyTtlSeconds,
    ),
    emailChangesPerAccount: rule(
      "email-change:account",
      settings.emailChangesPerAccountPerHour,
      HOUR,
    ),
    emailBudget: rule("email-budget", settings.emailBudgetPerHour, HOUR),
    // An hour, though a ticket lives 5 minutes: a sliding window weighs the previous
    // window's count by what is left of it, and only a window this much longer than the
    // ticket's life counts every attempt of it, across a boundary too.
    secondFactorAttemptsPerTicket: rule(
      "second-factor:ticket",
      settings.secondFactorAttemptsPerTicket,
      HOUR,
    ),
    secondFactorFailuresPerAccount: [
      rule("second-factor-failure:account:15m", Math.ceil(codesPerDay / 5), 15 * MINUTE),
      rule("second-factor-failure:account:1d", codesPerDay, 24 * HOUR),
    ],
    passwordRechecksPerAccount: rule(
      "password-recheck:account",
      settings.passwordRechecksPerAccountPer15Minutes,
      15 * MINUTE,
    ),
    passwordlessStartsPerClient: rule(
      "passwordless-start:client",
      settings.passwordlessStartsPerClientPerHour,
      HOUR,
    ),
    passwordlessVerificationsPerClient: rule(
      "passwordless-verify:client",
      settings.passwordlessVerificationsPerClientPerMinute,
      MINUTE,
    ),
    passwordlessEmailsPerAddress: rule(
      "passwordless-email:address",
      settings.passwordlessEmailsPerAddressPerHour,
      HOUR,
    ),
    loginCodeAttemptsPerCode: scaled(settings.loginCodeAttemptsPerCode),
    loginCodeFailuresPerAddress: rule(
      "login-code-failure:address",
      settings.loginCodeFailuresPerAddressPerHour,
      HOUR,
    ),
  };
}
