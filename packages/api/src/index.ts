export {
  clearedCookieHeaders,
  readSessionCookies,
  sessionCookieHeaders,
  sessionCookieNames,
} from "./browser/cookies";
export type { LinkPurpose, LinkStates } from "./browser/links";
export { type Renewal, renewSessionForPage } from "./browser/renew-session";
export { type ReturnToPolicy, safeReturnTo } from "./browser/return-to";
export { type Context, createContextInner, createServerContext } from "./context";
export {
  describeError,
  type ErrorData,
  errorData,
  type LatchErrorReason,
  reasonToCode,
} from "./errors";
export { handleCronOutbox, handleCronPurge } from "./http/cron";
export { handleTrpcRequest, type RequestLogEntry, type TrpcHandlerOptions } from "./http/handler";
export { handleHealth, handleReady } from "./http/health";
export { handleJwksRequest } from "./http/jwks";
export { handleOpenApiRequest } from "./http/openapi";
export { type AppRouter, appRouter, createCaller } from "./root";
export type { BrowserSession } from "./routers/session";
