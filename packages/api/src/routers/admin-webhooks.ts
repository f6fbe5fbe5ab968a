import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  testWebhook,
} from "@latch/auth";
import { adminWebhookCreateInput, adminWebhookInput } from "@latch/validators";
import { adminProcedure } from "../trpc";

/**
 * `admin.webhooks.*`: admins only (401 without a session, 403 ADMIN_ONLY
 * otherwise), each call audited by the domain. A plain object, so the admin
 * router can spread it beside its other groups.
 */
export const adminWebhookProcedures = {
  /** `{id, secret}`: the secret is shown this once. */
  create: adminProcedure
    .input(adminWebhookCreateInput)
    .mutation(({ ctx, input }) => createWebhook(ctx.deps, ctx, input)),
  list: adminProcedure.query(({ ctx }) => listWebhooks(ctx.deps, ctx)),
  delete: adminProcedure
    .input(adminWebhookInput)
    .mutation(({ ctx, input }) => deleteWebhook(ctx.deps, ctx, input)),
  /** Queues a `webhook.test` payload to the endpoint: `{deliveryId}`. */
  test: adminProcedure
    .input(adminWebhookInput)
    .mutation(({ ctx, input }) => testWebhook(ctx.deps, ctx, input)),
  deliveries: adminProcedure
    .input(adminWebhookInput)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.deps, ctx, input)),
};
