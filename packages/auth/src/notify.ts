import { accountExistsEmail, activationEmail, type EmailMessage } from "@latch/mail";
import type { User } from "./database";
import type { AuthDeps } from "./deps";
import { sha256 } from "./encoding";
import { AuthError, isAuthError } from "./errors";
import { enforce } from "./limits";
import { newKeyStamp, storeOneTimeKey } from "./one-time-keys";

export type NotifyDeps = Pick<
  AuthDeps,
  "db" | "keys" | "limiter" | "mailer" | "random" | "clock" | "secret" | "policy" | "log"
>;

const HOUR = 3600;

/**
 * Every email Latch sends on request of an anonymous caller counts against a
 * per-address hourly quota, so nobody can flood an inbox through our forms.
 * Over quota the caller still gets the usual answer: saying "rate limited"
 * would reveal that the address has an account.
 */
export async function withinQuota(deps: NotifyDeps, email: string): Promise<boolean> {
  const count = await deps.keys.increment(`mail-quota:${sha256(email)}`, HOUR);
  return count <= deps.policy.emailsPerAddressPerHour;
}

/**
 * Every email counts against one global hourly budget, a ceiling on cost and
 * on how much mail anyone can make us send. Over it nothing is sent, callers
 * answer as usual (an error would tell an attacker the budget is spent), and
 * the operator is told loudly.
 */
async function withinBudget(deps: NotifyDeps, message: EmailMessage): Promise<boolean> {
  try {
    await enforce(deps, deps.policy.limits.emailBudget, "global");
    return true;
  } catch (error) {
    if (!isAuthError(error) || error.reason !== "RATE_LIMITED") throw error;
    deps.log?.("EMAIL_BUDGET_EXHAUSTED", {
      kind: message.kind,
      budgetPerHour: String(deps.policy.limits.emailBudget.limit),
    });
    return false;
  }
}

export async function deliver(deps: NotifyDeps, message: EmailMessage): Promise<void> {
  if (!(await withinBudget(deps, message))) return;
  try {
    await deps.mailer.send(message);
  } catch (cause) {
    throw new AuthError("EMAIL_DELIVERY_FAILED", { cause });
  }
}

export type ActivationOutcome = "sent" | "over_quota" | "already_active";

/**
 * For notices sent after the change they report already happened: the
 * change stands even when the provider is down, so a failed notice must not
 * turn a success into an error.
 */
export async function notifyBestEffort(deps: NotifyDeps, message: EmailMessage): Promise<void> {
  await deliver(deps, message).catch((error: unknown) => {
    // MailDeliveryError messages carry neither the API key nor the recipient.
    deps.log?.("notice_not_sent", {
      kind: message.kind,
      error: error instanceof Error ? error.message : "unknown error",
    });
  });
}

/**
 * Mails a fresh activation link. With `renew`, first renews the user's stamp
 * (and password hash, on a repeated signup), which kills every older key; the
 * quota is checked before that, so flooding an address can never leave its
 * owner with a dead link and no new one.
 */
export async function sendActivation(
  deps: NotifyDeps,
  user: User,
  renew: { passwordHash?: string } | null,
): Promise<ActivationOutcome> {
  if (!(await withinQuota(deps, user.email))) return "over_quota";
  let current: User | null = user;
  if (renew) {
    current = await deps.db.users.renewKeyStamp(
      user.id,
      { ...renew, keyStamp: newKeyStamp(deps.random) },
      "inactive",
    );
    if (!current) return "already_active";
  }
  const key = await storeOneTimeKey(deps, "activation", current, {
    ttlSeconds: deps.policy.activationKeyTtlSeconds,
    knownForSeconds: deps.policy.activationRefreshWindowSeconds,
  });
  await deliver(
    deps,
    activationEmail({
      to: current.email,
      link: `${deps.policy.appUrl}/activate/${key}`,
      expiresInMinutes: Math.round(deps.policy.activationKeyTtlSeconds / 60),
    }),
  );
  return "sent";
}

export async function sendAccountExists(deps: NotifyDeps, user: User): Promise<void> {
  if (!(await withinQuota(deps, user.email))) return;
  await deliver(
    deps,
    accountExistsEmail({ to: user.email, loginUrl: `${deps.policy.appUrl}/login` }),
  );
}
