import {
  AuthError,
  authenticate,
  type ClientAction,
  enforceClientLimit,
  requireAdmin,
} from "@latch/auth";
import { initTRPC } from "@trpc/server";
import type { Context } from "./context";
import { describeError, toTRPCError } from "./errors";

/** What the OpenAPI document says about a procedure. */
export interface ApiMeta {
  /** Needs an access token (bearer header, or the session cookie for browsers). */
  requiresAccessToken?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<ApiMeta>()
  .create({
    // Stack traces never leave the server, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const { message, data } = describeError(error, ctx?.locale);
      return {
        ...shape,
        message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          ...data,
        },
      };
    },
  });

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapDomainErrors);

/**
 * For anonymous procedures that hash a password, send an email or check a
 * key: each client (its address, behind a trusted proxy) takes a token first.
 */
export const limitedProcedure = (action: ClientAction) =>
  publicProcedure.use(async ({ ctx, next }) => {
    await enforceClientLimit(ctx.deps, action, ctx.meta.ip);
    return next();
  });

/**
 * The same for browser procedures, whose Origin is checked first: another
 * site must not spend a visitor's tokens by posting on their behalf.
 */
export const limitedSameOriginProcedure = (action: ClientAction) =>
  publicProcedure.use(async ({ ctx, next }) => {
    requireSameOrigin(ctx);
    await enforceClientLimit(ctx.deps, action, ctx.meta.ip);
    return next();
  });

/**
 * Cookies ride along on cross-site requests; a bearer header never does. So a
 * change made on the strength of a cookie must come from our own origin.
 */
export function requireSameOrigin(ctx: Context): void {
  const allowed = new URL(ctx.deps.policy.appUrl).origin;
  if (ctx.origin !== allowed) throw new AuthError("ORIGIN_NOT_ALLOWED");
}

/**
 * Requires a valid access token of a live session, from the bearer header
 * (API clients) or the session cookie (browsers); adds the caller's claims.
 */
export const authedProcedure = publicProcedure
  .meta({ requiresAccessToken: true })
  .use(async ({ ctx, type, next }) => {
    const fromCookie = !ctx.accessToken && ctx.cookies.access !== null;
    if (fromCookie && type === "mutation") requireSameOrigin(ctx);
    const caller = await authenticate(ctx.deps, ctx.accessToken ?? ctx.cookies.access);
    return next({ ctx: { ...ctx, caller } });
  });

/**
 * admin.*: a live session whose user holds the admin role (read from the
 * database on each call). Others get 403 ADMIN_ONLY, and the refusal is audited.
 */
export const adminProcedure = authedProcedure.use(async ({ ctx, path, next }) => {
  const adminCaller = await requireAdmin(ctx.deps, ctx.caller, ctx.meta, path);
  return next({ ctx: { ...ctx, admin: adminCaller.admin, adminCaller } });
});
