import { z } from "zod";

/** Every event the trail records; the README lists what each means. */
export const AUDIT_EVENT_TYPES = [
  "user.signed_up",
  "user.activated",
  "login.succeeded",
  "login.failed",
  "second_step.passed",
  "second_step.failed",
  "logout",
  "session.ended",
  "refresh.reused",
  "password.reset",
  "password.changed",
  "email.changed",
  "second_factor.changed",
  "identity.linked",
  "identity.unlinked",
  "account.deleted",
  "account.this_was_not_me",
  "admin.denied",
  "admin.role.granted",
  "admin.role.revoked",
  "admin.users.listed",
  "admin.user.viewed",
  "admin.user.banned",
  "admin.user.unbanned",
  "admin.user.sessions_ended",
  "admin.user.activation_resent",
  "admin.user.deleted",
  "admin.audit.listed",
  "admin.webhook.created",
  "admin.webhook.listed",
  "admin.webhook.deleted",
  "admin.webhook.tested",
] as const;

/** The events a webhook endpoint can subscribe to (a subset of what the trail records, named for receivers). */
export const WEBHOOK_EVENT_TYPES = [
  "user.created",
  "user.activated",
  "session.created",
  "session.revoked",
  "user.banned",
  "user.unbanned",
  "user.deleted",
  "password.changed",
  "email.changed",
  "second_factor.changed",
  "identity.linked",
  "identity.unlinked",
] as const;

/** An audit event's or a user's id from the previous page: the next page starts after it. */
const cursorSchema = z.uuid().optional();

/** auth.activity.list: the caller's own events, newest first. */
// Not strict: tRPC's infinite queries add their own keys (`direction`) beside `cursor`.
export const activityListInput = z.object({ cursor: cursorSchema });

export const adminUsersListInput = z
  .object({
    /** A part of the address, lower-cased as addresses are stored. */
    query: z
      .string()
      .trim()
      .max(254)
      .transform((query) => query.toLowerCase())
      .optional(),
    cursor: cursorSchema,
  })
  .strict();

const userId = z.uuid();
/** Why an admin acted: kept in the audit trail, never shown to the user. */
const reasonSchema = z.string().trim().min(1).max(500);

export const adminUserInput = z.object({ userId }).strict();

export const adminBanInput = z
  .object({
    userId,
    reason: reasonSchema,
    /** When the ban lifts by itself; absent: until unbanned. Must be in the future. */
    until: z.iso
      .datetime({ offset: true })
      .refine((until) => Date.parse(until) > Date.now(), "banUntilInPast")
      .optional(),
  })
  .strict();

export const adminAuditListInput = z
  .object({
    userId: userId.optional(),
    type: z.enum(AUDIT_EVENT_TYPES).optional(),
    cursor: cursorSchema,
  })
  .strict();

const webhookUrlSchema = z.url({ protocol: /^https?$/, error: "webhookUrlInvalid" }).max(2048);

export const adminWebhookCreateInput = z
  .object({
    url: webhookUrlSchema,
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
  })
  .strict();

export const adminWebhookInput = z.object({ id: z.uuid() }).strict();

export type ActivityListInput = z.infer<typeof activityListInput>;
export type AdminUsersListInput = z.infer<typeof adminUsersListInput>;
export type AdminUserInput = z.infer<typeof adminUserInput>;
export type AdminBanInput = z.infer<typeof adminBanInput>;
export type AdminAuditListInput = z.infer<typeof adminAuditListInput>;
