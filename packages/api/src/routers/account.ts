import {
  changePassword,
  confirmEmailChange,
  deleteAccount,
  listSessions,
  logoutAll,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  revokeSession,
  setLocale,
} from "@latch/auth";
import {
  changePasswordInput,
  confirmEmailChangeInput,
  deleteAccountInput,
  logoutAllInput,
  requestEmailChangeInput,
  requestPasswordResetInput,
  resetPasswordInput,
  revokeSessionInput,
  setLocaleInput,
} from "@latch/validators";
import { authedProcedure, limitedProcedure, router } from "../trpc";

/** Account lifecycle procedures, merged into `auth.*` (names are part of the API contract). */
export const accountProcedures = {
  requestPasswordReset: limitedProcedure("password-reset-request")
    .input(requestPasswordResetInput)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.deps, input)),
  resetPassword: limitedProcedure("key-check")
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.deps, input, ctx.meta)),
  changePassword: authedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx.deps, ctx.caller, input, ctx.meta)),
  sessions: router({
    list: authedProcedure.query(({ ctx }) => listSessions(ctx.deps, ctx.caller)),
    revoke: authedProcedure
      .input(revokeSessionInput)
      .mutation(({ ctx, input }) => revokeSession(ctx.deps, ctx.caller, input, ctx.meta)),
  }),
  logoutAll: authedProcedure
    .input(logoutAllInput)
    .mutation(({ ctx, input }) => logoutAll(ctx.deps, ctx.caller, input, ctx.meta)),
  requestEmailChange: authedProcedure
    .input(requestEmailChangeInput)
    .mutation(({ ctx, input }) => requestEmailChange(ctx.deps, ctx.caller, input)),
  confirmEmailChange: limitedProcedure("key-check")
    .input(confirmEmailChangeInput)
    .mutation(({ ctx, input }) => confirmEmailChange(ctx.deps, input, ctx.meta)),
  deleteAccount: authedProcedure
    .input(deleteAccountInput)
    .mutation(({ ctx, input }) => deleteAccount(ctx.deps, ctx.caller, input, ctx.meta)),
  account: router({
    /** The language of the account's emails (a new account takes its signup request's). */
    setLocale: authedProcedure
      .input(setLocaleInput)
      .mutation(({ ctx, input }) => setLocale(ctx.deps, ctx.caller, input)),
  }),
};
