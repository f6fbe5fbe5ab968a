import {
  activate,
  completeLogin,
  listActivity,
  login,
  logout,
  refresh,
  refreshActivationKey,
  reportNotMe,
  resendActivation,
  signup,
  startPasswordlessLogin,
  userFromClaims,
  verifyPasswordlessLogin,
} from "@latch/auth";
import {
  activateInput,
  activityListInput,
  completeLoginInput,
  loginInput,
  logoutInput,
  passwordlessStartInput,
  passwordlessVerifyInput,
  refreshActivationKeyInput,
  refreshInput,
  resendActivationInput,
  signupInput,
} from "@latch/validators";
import { authedProcedure, limitedProcedure, publicProcedure, router } from "../trpc";
import { accountProcedures } from "./account";
import { identitiesRouter } from "./identities";
import { passkeysRouter } from "./passkeys";
import { secondFactorRouter } from "./second-factor";

export const authRouter = router({
  signup: limitedProcedure("signup")
    .input(signupInput)
    // The request's language becomes a new account's email language.
    .mutation(({ ctx, input }) => signup(ctx.deps, input, { ...ctx.meta, locale: ctx.locale })),
  activate: limitedProcedure("key-check")
    .input(activateInput)
    .mutation(({ ctx, input }) => activate(ctx.deps, input, ctx.meta)),
  refreshActivationKey: limitedProcedure("activation-resend")
    .input(refreshActivationKeyInput)
    .mutation(({ ctx, input }) => refreshActivationKey(ctx.deps, input)),
  resendActivation: limitedProcedure("activation-resend")
    .input(resendActivationInput)
    .mutation(({ ctx, input }) => resendActivation(ctx.deps, input)),
  login: limitedProcedure("login")
    .input(loginInput)
    .mutation(({ ctx, input }) => login(ctx.deps, input, ctx.meta)),
  /** The second step of a login that answered second_factor_required; counts as a login per client. */
  completeLogin: limitedProcedure("login")
    .input(completeLoginInput)
    .mutation(({ ctx, input }) => completeLogin(ctx.deps, input, ctx.meta)),
  refresh: publicProcedure
    .input(refreshInput)
    .mutation(({ ctx, input }) => refresh(ctx.deps, input, ctx.meta)),
  logout: authedProcedure
    .input(logoutInput)
    .mutation(({ ctx, input }) => logout(ctx.deps, ctx.caller, input, ctx.meta)),
  me: authedProcedure.query(({ ctx }) => ({ user: userFromClaims(ctx.caller) })),
  ...accountProcedures,
  /** Login by email: a link and a code in one email; either signs in once. */
  passwordless: router({
    start: limitedProcedure("passwordless-start")
      .input(passwordlessStartInput)
      .mutation(({ ctx, input }) => startPasswordlessLogin(ctx.deps, input)),
    verify: limitedProcedure("passwordless-verify")
      .input(passwordlessVerifyInput)
      .mutation(({ ctx, input }) => verifyPasswordlessLogin(ctx.deps, input, ctx.meta)),
  }),
  /** The caller's own audit trail, and "This wasn't me" (every session ends, a reset email goes). */
  activity: router({
    list: authedProcedure
      .input(activityListInput)
      .query(({ ctx, input }) => listActivity(ctx.deps, ctx.caller, input)),
    reportNotMe: authedProcedure.mutation(({ ctx }) => reportNotMe(ctx.deps, ctx.caller, ctx.meta)),
  }),
  mfa: secondFactorRouter,
  passkeys: passkeysRouter,
  identities: identitiesRouter,
});
