import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  disableSecondFactor,
  regenerateRecoveryCodes,
  secondFactorStatus,
} from "@latch/auth";
import {
  beginTotpInput,
  confirmTotpInput,
  disableSecondFactorInput,
  regenerateRecoveryCodesInput,
} from "@latch/validators";
import { authedProcedure, router } from "../trpc";

/**
 * `auth.mfa.*`: signed-in procedures, so the bearer header or the session
 * cookie (with its Origin check) both work, and the pages call them as they are.
 */
export const secondFactorRouter = router({
  status: authedProcedure.query(({ ctx }) => secondFactorStatus(ctx.deps, ctx.caller)),
  totp: router({
    begin: authedProcedure
      .input(beginTotpInput)
      .mutation(({ ctx, input }) => beginTotpEnrolment(ctx.deps, ctx.caller, input)),
    confirm: authedProcedure
      .input(confirmTotpInput)
      .mutation(({ ctx, input }) => confirmTotpEnrolment(ctx.deps, ctx.caller, input, ctx.meta)),
  }),
  recoveryCodes: router({
    regenerate: authedProcedure
      .input(regenerateRecoveryCodesInput)
      .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.deps, ctx.caller, input, ctx.meta)),
  }),
  disable: authedProcedure
    .input(disableSecondFactorInput)
    .mutation(({ ctx, input }) => disableSecondFactor(ctx.deps, ctx.caller, input, ctx.meta)),
});
