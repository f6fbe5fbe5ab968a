import type { AUDIT_EVENT_TYPES } from "@latch/validators";

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** What each audit event means, in words a person reads at a glance (the account page and /admin). */
export const EVENT_LABELS: Record<AuditEventType, string> = {
  "user.signed_up": "Signed up",
  "user.activated": "Activated the account",
  "login.succeeded": "Logged in",
  "login.failed": "Failed login",
  "second_step.passed": "Passed the second step",
  "second_step.failed": "Failed the second step",
  logout: "Logged out",
  "session.ended": "Session ended",
  "refresh.reused": "Reused session token refused",
  "password.reset": "Password reset",
  "password.changed": "Password changed",
  "email.changed": "Email address changed",
  "second_factor.changed": "Two-step login changed",
  "identity.linked": "Connected account added",
  "identity.unlinked": "Connected account removed",
  "account.deleted": "Account deleted",
  "account.this_was_not_me": "Reported activity as not theirs",
  "admin.denied": "Admin access refused",
  "admin.role.granted": "Made an admin",
  "admin.role.revoked": "No longer an admin",
  "admin.users.listed": "Admin searched users",
  "admin.user.viewed": "Admin viewed the account",
  "admin.user.banned": "Banned by an admin",
  "admin.user.unbanned": "Unbanned by an admin",
  "admin.user.sessions_ended": "Sessions ended by an admin",
  "admin.user.activation_resent": "Activation email resent by an admin",
  "admin.user.deleted": "Deleted by an admin",
  "admin.audit.listed": "Admin read the audit log",
  "admin.webhook.created": "Webhook added",
  "admin.webhook.listed": "Admin listed webhooks",
  "admin.webhook.deleted": "Webhook removed",
  "admin.webhook.tested": "Webhook tested",
};

/** A label for any type string, including one newer than this page. */
export function eventLabel(type: string): string {
  return (EVENT_LABELS as Record<string, string>)[type] ?? type;
}
