import {
  AuthError,
  activate,
  authenticate,
  changePassword,
  completeLogin,
  completePendingLink,
  endSessionOfRefreshToken,
  generatePasskeySignInOptions,
  type IssuedTokens,
  isAuthError,
  isOutage,
  login,
  type PublicUser,
  refresh,
  type SecondFactorRequired,
  startPasswordlessLogin,
  userFromClaims,
  verifyPasskeySignIn,
  verifyPasswordlessLogin,
} from "@latch/auth";
import {
  activateInput,
  changePasswordInput,
  completeLoginInput,
  inspectLinkInput,
  loginInput,
  passkeySignInOptionsInput,
  passwordlessStartInput,
  passwordlessVerifyInput,
  verifyPasskeySignInInput,
} from "@latch/validators";
import {
  accountLocaleCookie,
  clearedCookieHeaders,
  sessionCookieHeaders,
} from "../browser/cookies";
import { inspectLink } from "../browser/links";
import { clearedLinkCookie } from "../browser/provider-cookies";
import { endsBrowserSession } from "../browser/session-end";
import type { Context } from "../context";
import {
  authedProcedure,
  limitedProcedure,
  limitedSameOriginProcedure,
  publicProcedure,
  requireSameOrigin,
  router,
} from "../trpc";

/** What a browser learns about its session: never the tokens, which stay in HttpOnly cookies. */
export interface BrowserSession {
  user: PublicUser;
  accessExpiresAt: string;
  refreshExpiresAt: string;
}

function setCookies(ctx: Context, headers: string[]) {
  for (const header of headers) ctx.resHeaders?.append("set-cookie", header);
}

function startBrowserSession(ctx: Context, user: PublicUser, tokens: IssuedTokens): BrowserSession {
  setCookies(ctx, sessionCookieHeaders(tokens, ctx.deps.policy.appUrl, ctx.deps.clock.now()));
  return {
    user,
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt,
  };
}

/**
 * A sign-in that completes a login (password, second step, passkey): if a
 * provider sign-in left this browser an identity to link, it is linked now,
 * when it was meant for this account (the domain checks), and the cookie goes.
 */
async function startSignedInSession(
  ctx: Context,
  user: PublicUser,
  tokens: IssuedTokens,
): Promise<BrowserSession & { linkedProvider?: string }> {
  const session = startBrowserSession(ctx, user, tokens);
  setCookies(ctx, await accountLocaleCookie(ctx.deps, user.id, ctx.pickedLocale));
  if (!ctx.pendingLink) return session;
  setCookies(ctx, [clearedLinkCookie(ctx.deps.policy.appUrl)]);
  // The person is logged in whatever happens to the link: an outage here loses only the link
  // (they can connect the provider from /account), never the session just started.
  const linked = await completePendingLink(ctx.deps, ctx.pendingLink, user, ctx.meta).catch(
    (error: unknown) => {
      if (isOutage(error)) return { status: "void" as const };
      throw error;
    },
  );
  return linked.status === "linked" ? { ...session, linkedProvider: linked.providerName } : session;
}

/**
 * The same flows as `auth.*`, for browsers: tokens travel in cookies the
 * server sets, every change checks Origin, and logout needs only the cookie.
 */
export const sessionRouter = router({
  /** Cookies, or (with a second factor) no cookies yet: the ticket for session.completeLogin. */
  login: limitedSameOriginProcedure("login")
    .input(loginInput)
    .mutation(async ({ ctx, input }): Promise<BrowserSession | SecondFactorRequired> => {
      const result = await login(ctx.deps, input, ctx.meta);
      if ("status" in result) return result;
      return startSignedInSession(ctx, result.user, result.tokens);
    }),
  completeLogin: limitedSameOriginProcedure("login")
    .input(completeLoginInput)
    .mutation(async ({ ctx, input }) => {
      const { user, tokens } = await completeLogin(ctx.deps, input, ctx.meta);
      return startSignedInSession(ctx, user, tokens);
    }),
  passkeys: router({
    generateAuthenticationOptions: limitedSameOriginProcedure("key-check")
      .input(passkeySignInOptionsInput)
      .mutation(({ ctx, input }) => generatePasskeySignInOptions(ctx.deps, input, ctx.meta)),
    /** auth.passkeys.verifyAuthenticationResponse for browsers: the session comes as cookies. */
    verifyAuthenticationResponse: limitedSameOriginProcedure("login")
      .input(verifyPasskeySignInInput)
      .mutation(async ({ ctx, input }) => {
        const { user, tokens } = await verifyPasskeySignIn(ctx.deps, input, ctx.meta);
        return startSignedInSession(ctx, user, tokens);
      }),
  }),
  /** auth.passwordless.* for browsers: the link page's button and the typed code set cookies. */
  passwordless: router({
    start: limitedSameOriginProcedure("passwordless-start")
      .input(passwordlessStartInput)
      .mutation(({ ctx, input }) => startPasswordlessLogin(ctx.deps, input)),
    verify: limitedSameOriginProcedure("passwordless-verify")
      .input(passwordlessVerifyInput)
      .mutation(async ({ ctx, input }): Promise<BrowserSession | SecondFactorRequired> => {
        const result = await verifyPasswordlessLogin(ctx.deps, input, ctx.meta);
        if ("status" in result) return result;
        return startSignedInSession(ctx, result.user, result.tokens);
      }),
  }),
  activate: limitedSameOriginProcedure("key-check")
    .input(activateInput)
    .mutation(async ({ ctx, input }) => {
      const { user, tokens } = await activate(ctx.deps, input, ctx.meta);
      return startBrowserSession(ctx, user, tokens);
    }),
  /** auth.changePassword for browsers: this session continues on new tokens, set as cookies. */
  changePassword: authedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    requireSameOrigin(ctx);
    const { tokens } = await changePassword(ctx.deps, ctx.caller, input, ctx.meta);
    return startBrowserSession(ctx, { id: ctx.caller.userId, email: ctx.caller.email }, tokens);
  }),
  refresh: publicProcedure.mutation(async ({ ctx }) => {
    requireSameOrigin(ctx);
    try {
      if (!ctx.cookies.refresh) throw new AuthError("REFRESH_TOKEN_INVALID");
      const { user, tokens } = await refresh(ctx.deps, { refresh: ctx.cookies.refresh }, ctx.meta);
      return startBrowserSession(ctx, user, tokens);
    } catch (error) {
      if (endsBrowserSession(error)) {
        setCookies(ctx, clearedCookieHeaders(ctx.deps.policy.appUrl));
      }
      throw error;
    }
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    requireSameOrigin(ctx);
    if (ctx.cookies.refresh) {
      await endSessionOfRefreshToken(ctx.deps, ctx.cookies.refresh, ctx.meta).catch(
        (error: unknown) => {
          // A session that already ended is logged out all the same. An outage is not an
          // ending: the cookies stay, so the person can try again once it is over.
          if (!isAuthError(error) || isOutage(error)) throw error;
        },
      );
    }
    setCookies(ctx, clearedCookieHeaders(ctx.deps.policy.appUrl));
    return { status: "logged_out" as const };
  }),
  /**
   * What an emailed link would do, for its landing page, spending nothing (mail
   * scanners open links). Each look counts against the client's key-check limit,
   * as redeeming does, so landing pages cannot be used to try keys.
   */
  inspectLink: limitedProcedure("key-check")
    .input(inspectLinkInput)
    .query(({ ctx, input }) => inspectLink(ctx.deps, input.purpose, input.key)),
  /** Who the access cookie belongs to, or null: never an error, so pages can ask freely. */
  current: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.cookies.access) return { user: null };
    try {
      const claims = await authenticate(ctx.deps, ctx.cookies.access);
      return {
        user: userFromClaims(claims),
        accessExpiresAt: claims.expiresAt.toISOString(),
      };
    } catch (error) {
      if (isAuthError(error) && !isOutage(error)) return { user: null };
      throw error;
    }
  }),
});
