import { accountExistsEmail, activationEmail, type EmailMessage } from "@latch/mail";
import type { User } from "./database";
import type { AuthDeps } from "./deps";
import { sha256 } from "./encoding";
import { AuthError } from "./errors";
import { newKeyStamp, storeOneTimeKey } from "./one-time-keys";

export type NotifyDeps = Pick<
  AuthDeps,
  "db" | "keys" | "mailer" | "random" | "clock" | "secret" | "policy"
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

export async function deliver(deps: NotifyDeps, message: EmailMessage): Promise<void> {
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
export async function notifyBestEffort(
  deps: NotifyDeps & Pick<AuthDeps, "log">,
  message: EmailMessage,
): Promise<void> {
  await deps.mailer.send(message).catch((error: unknown) => {
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
