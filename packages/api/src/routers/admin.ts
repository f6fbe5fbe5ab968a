import {
  banUser,
  deleteUser,
  endUserSessions,
  getUser,
  listAuditEvents,
  listUsers,
  resendActivationFor,
  unbanUser,
} from "@latch/auth";
import {
  adminAuditListInput,
  adminBanInput,
  adminUserInput,
  adminUsersListInput,
} from "@latch/validators";
import { adminProcedure, router } from "../trpc";
import { adminWebhookProcedures } from "./admin-webhooks";

/** admin.*: every procedure needs a session of an admin, and every call is audited. */
export const adminRouter = router({
  users: router({
    list: adminProcedure
      .input(adminUsersListInput)
      .query(({ ctx, input }) => listUsers(ctx.deps, ctx.adminCaller, input)),
    get: adminProcedure
      .input(adminUserInput)
      .query(({ ctx, input }) => getUser(ctx.deps, ctx.adminCaller, input)),
    ban: adminProcedure
      .input(adminBanInput)
      .mutation(({ ctx, input }) => banUser(ctx.deps, ctx.adminCaller, input)),
    unban: adminProcedure
      .input(adminUserInput)
      .mutation(({ ctx, input }) => unbanUser(ctx.deps, ctx.adminCaller, input)),
    endSessions: adminProcedure
      .input(adminUserInput)
      .mutation(({ ctx, input }) => endUserSessions(ctx.deps, ctx.adminCaller, input)),
    resendActivation: adminProcedure
      .input(adminUserInput)
      .mutation(({ ctx, input }) => resendActivationFor(ctx.deps, ctx.adminCaller, input)),
    delete: adminProcedure
      .input(adminUserInput)
      .mutation(({ ctx, input }) => deleteUser(ctx.deps, ctx.adminCaller, input)),
  }),
  webhooks: router(adminWebhookProcedures),
  audit: router({
    list: adminProcedure
      .input(adminAuditListInput)
      .query(({ ctx, input }) => listAuditEvents(ctx.deps, ctx.adminCaller, input)),
  }),
});
